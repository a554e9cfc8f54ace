// `strings()` as the package exports it: the whole table, the guest's sections included, whether
// or not a guest element was made on this page (the elements themselves read their own sections).
import { cameraToolsEn, expertPoolEn } from './camera-tools-strings.js';
import { expertDeskEn } from './expert-desk-strings.js';
import { enGuest } from './guest-strings.js';
import type { Language } from './languages.js';
import type { StringTable } from './strings.js';
import { addEnglish, strings as tableStrings } from './tables.js';

/**
 * The words in `language` (English by default) as far as they are here: English for a translation
 * not fetched yet (`loadTable` fetches it).
 */
export function strings(language: Language = 'en'): StringTable {
  addEnglish({ ...enGuest, cameraTools: cameraToolsEn, expertPool: expertPoolEn, expertDesk: expertDeskEn });
  return tableStrings(language);
}
