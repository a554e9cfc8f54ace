// The shape of one language's table: the English table's keys, any of them left out. A key a
// translation leaves out shows in English (and the locale test lists it).
import type { StringTable } from './strings.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

/** One language's words; what it leaves out falls back to English. */
export type Translation = DeepPartial<StringTable>;
