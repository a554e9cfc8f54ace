// The languages the elements speak, and which of them a BCP 47 tag (a `lang` attribute, the
// browser's language) gets: the closest one by language, English when there is none.

/** Every language with a table of its own. `pt-BR` also serves every other Portuguese. */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'pt-BR', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Written right to left. */
const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set(['ar']);

/** The language a tag such as `es-MX`, `pt`, `ar-EG` or `EN_us` gets. */
export function matchLanguage(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'pt') return 'pt-BR';
  return LANGUAGES.find((language) => language === primary) ?? 'en';
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}
