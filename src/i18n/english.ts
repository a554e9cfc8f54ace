// The whole English table: the desk's sections and the guest's.
import { enGuest } from './guest-strings.js';
import { enDesk, type StringTable } from './strings.js';

export const en: StringTable = { ...enDesk, ...enGuest };
