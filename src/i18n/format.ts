// Fills a string's {placeholders}: numbers through Intl in the reader's language (its digits,
// its decimal sign, its units), words as given.
import type { Language } from './languages.js';

/** A number, or a number with how Intl should write it (a unit, a percent, its decimals). */
export type Figure = number | { value: number; format: Intl.NumberFormatOptions };
export type Filling = string | Figure;

const formats = new Map<string, Intl.NumberFormat>();

/** A number as `language` writes it; formats are kept, as building one costs more than using it. */
export function formatNumber(language: Language, value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(language, options)));
  return format.format(value);
}

/** “a card number and a phone number”: items joined as `language` joins a list. */
export function formatList(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}

/** `template` with each `{name}` replaced; numbers written in `language`. Unknown names stay. */
export function fill(template: string, language: Language, values: Record<string, Filling>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    if (typeof value === 'string') return value;
    return typeof value === 'number' ? formatNumber(language, value) : formatNumber(language, value.value, value.format);
  });
}

/** A count of seconds with its unit, as the language abbreviates it (“30 s”, “30 Sek.”). */
export const SECONDS: Intl.NumberFormatOptions = { style: 'unit', unit: 'second', unitDisplay: 'short' };
