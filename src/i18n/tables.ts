// Each language's table, built from English and its translation, with what the host page changed
// (`setStrings`) on top. A translation arrives as a chunk of its own when a page first needs it,
// so a page in English loads no other language's words.
import { enDesk, type StringTable } from './strings.js';
import type { Translation } from './translation.js';
import type { Language } from './languages.js';

type Foreign = Exclude<Language, 'en'>;

const translations: Record<Foreign, () => Promise<{ default: Translation }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  de: () => import('./locales/de.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  ar: () => import('./locales/ar.js'),
};

/** Translations as fetched (English is the table itself). */
const fetched = new Map<Language, Translation>([['en', {}]]);
const fetching = new Map<Language, Promise<void>>();
/** The host's own words: for one language, or (`'*'`) for every language. */
const hostWords = new Map<Language | '*', Translation>();
const built = new Map<Language, StringTable>();
/**
 * English as far as this page's elements need it: the desk's sections, then the guest's once a
 * guest element is made (`addEnglish`). Every table is built over it, so a section not added yet
 * is in no table; only the elements that read a section add it.
 */
let english = enDesk as StringTable;
const listeners = new Set<() => void>();

/** `base` with every string `over` gives instead; keys `over` lacks keep `base`'s words. */
function overlay<T extends object>(base: T, over: object | undefined): T {
  if (!over) return base;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) {
    if (!(key in base) || value === undefined) continue;
    const mine = (base as Record<string, unknown>)[key];
    if (typeof mine === 'string') {
      if (typeof value === 'string') result[key] = value;
    } else if (typeof value === 'object' && value !== null) result[key] = overlay(mine as object, value as object);
  }
  return result as T;
}

/** Both sets of words, the second's winning (unlike `overlay`, keeps keys `a` lacks). */
function mergeWords(a: Translation, b: Translation): Translation {
  const result: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = (a as Record<string, unknown>)[key];
    result[key] =
      typeof value === 'object' && value !== null && typeof mine === 'object' && mine !== null
        ? mergeWords(mine as Translation, value as Translation)
        : value;
  }
  return result as Translation;
}

/** A whole table from a translation: English for every key it leaves out. */
export function tableFrom(translation: Translation): StringTable {
  return overlay(english, translation);
}

/** Adds English sections an element reads (the guest's); tables are rebuilt with them. */
export function addEnglish(sections: Partial<StringTable>): void {
  if (Object.keys(sections).every((section) => section in english)) return;
  english = { ...english, ...sections };
  built.clear();
  for (const listener of listeners) listener();
}

/** The table for `language` if its translation is here (English always is); else undefined. */
export function tableOf(language: Language): StringTable | undefined {
  const cached = built.get(language);
  if (cached) return cached;
  const translation = fetched.get(language);
  if (!translation) return undefined;
  const table = overlay(overlay(tableFrom(translation), hostWords.get('*')), hostWords.get(language));
  built.set(language, table);
  return table;
}

/** Fetches `language`'s translation once; resolves when its table is ready (or the fetch failed). */
export function loadTable(language: Language): Promise<void> {
  if (fetched.has(language)) return Promise.resolve();
  let pending = fetching.get(language);
  if (!pending) {
    pending = translations[language as Foreign]()
      .then((module) => {
        fetched.set(language, module.default);
        for (const listener of listeners) listener();
      })
      .finally(() => fetching.delete(language));
    fetching.set(language, pending);
  }
  return pending;
}

/** Called after a translation arrives or the host changes words. Returns the unsubscribe. */
export function onTablesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The words in `language` (English by default) as far as they are here: English for a translation
 * not fetched yet. Elements use their own language (see `LocaleController`).
 */
export function strings(language: Language = 'en'): StringTable {
  return tableOf(language) ?? tableOf('en')!;
}

/**
 * Replaces some of the words: for one `language`, or for every language when none is given. What
 * is not given stays. Elements already on the page show the new words at once.
 */
export function setStrings(words: Translation, language?: Language): void {
  const key = language ?? '*';
  hostWords.set(key, mergeWords(hostWords.get(key) ?? {}, words));
  built.clear();
  for (const listener of listeners) listener();
}
