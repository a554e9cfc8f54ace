// One finder per kind of value: each returns where its values are in a text and what replaces
// them. The finders see text in which earlier finds are blanked (see redact.ts), so they only
// have to say what their own values look like.
import { passesIbanCheck, passesLuhn } from './checksums.js';
import type { RedactionKind } from './redact.js';

export interface Finding {
  start: number;
  end: number;
  kind: RedactionKind;
  mask: string;
}
export type Finder = (text: string) => Finding[];

/** US SSN (dashed or spaced, never-issued 000/666/9xx areas and zero groups left out) and UK National Insurance numbers. */
export const DEFAULT_NATIONAL_ID_PATTERNS: readonly string[] = [
  String.raw`(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\w-])`,
  String.raw`(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])`,
];

/** Every match of a global pattern whose `mask` gives a replacement. */
function byPattern(pattern: RegExp, kind: RedactionKind, mask: (value: string) => string | undefined): Finder {
  return (text) => {
    const found: Finding[] = [];
    for (const match of text.matchAll(pattern)) {
      const replacement = match[0] === '' ? undefined : mask(match[0]);
      if (replacement !== undefined)
        found.push({ start: match.index, end: match.index + match[0].length, kind, mask: replacement });
    }
    return found;
  };
}

// Digit groups joined by single spaces or dashes; which groups form a card is decided below.
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;

/**
 * Cards: 13 to 19 digits passing Luhn, in whole groups of a run (so `order 12 4111 1111 1111 1111`
 * still finds the card). A run glued to letters or decimals (an IBAN's digits, `12.50`) is skipped.
 */
export const findCards: Finder = (text) => {
  const found: Finding[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const end = run.index + run[0].length;
    const [before, after] = [text.slice(Math.max(0, run.index - 2), run.index), text.slice(end, end + 2)];
    if (/(?:[A-Za-z]|\d[.,])$/.test(before) || /^(?:[A-Za-z]|[.,]\d)/.test(after)) continue;
    const groups = [...run[0].matchAll(/\d+/g)].map((group) => ({ start: run.index + group.index, digits: group[0] }));
    for (let first = 0; first < groups.length;) {
      // The longest Luhn-valid stretch of groups starting here, if any.
      let last = -1;
      let card = '';
      for (let next = first, digits = ''; next < groups.length && digits.length + groups[next].digits.length <= 19; next++) {
        digits += groups[next].digits;
        if (digits.length >= 13 && passesLuhn(digits)) [last, card] = [next, digits];
      }
      if (last < 0) {
        first++;
        continue;
      }
      const stop = groups[last].start + groups[last].digits.length;
      found.push({ start: groups[first].start, end: stop, kind: 'card', mask: `•••• •••• •••• ${card.slice(-4)}` });
      first = last + 1;
    }
  }
  return found;
};

// Country code, check digits, then groups of four (spaced or not) and a shorter last group.
const IBAN_SHAPE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/g;

/** IBANs passing mod-97. A spaced one's shape can take in a short word after it (`… 7034 and`), so trailing groups are dropped until the checksum agrees. */
export const findIbans: Finder = (text) => {
  const found: Finding[] = [];
  const shape = new RegExp(IBAN_SHAPE);
  for (let match = shape.exec(text); match; match = shape.exec(text)) {
    let value = match[0];
    for (;;) {
      const compact = value.replace(/ /g, '').toUpperCase();
      if (compact.length >= 15 && compact.length <= 34 && passesIbanCheck(compact)) {
        const mask = `${compact.slice(0, 2)}•• •••• ${compact.slice(-4)}`;
        found.push({ start: match.index, end: match.index + value.length, kind: 'iban', mask });
        shape.lastIndex = match.index + value.length;
        break;
      }
      if (!value.includes(' ')) {
        // Not an IBAN from here: look again one character on (`AB12 DE89 …` hides one after a word).
        shape.lastIndex = match.index + 1;
        break;
      }
      value = value.slice(0, value.lastIndexOf(' '));
    }
  }
  return found;
};

export const nationalIdFinder = (source: string): Finder =>
  byPattern(new RegExp(source, 'g'), 'national-id', () => '[national id]');

// Local part, then a domain with a dot and a top-level name: `@handle` or `me@home` are not addresses.
const EMAIL =
  /(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-]|\.[A-Za-z0-9])/g;
export const findEmails = byPattern(EMAIL, 'email', (value) => `•••${value.slice(value.indexOf('@'))}`);

const PHONE = new RegExp(
  [
    // Not joined to what makes other numbers: a word, `#`, a currency, `.`, `/`, `,`, `-` (dates,
    // IPs, amounts, `CASE-…`), or another number before a space or colon (times, spaced figures).
    String.raw`(?<![\w#@+$€£¥./,-]|\d[ :]|[$€£¥] )`,
    // International: +15551234567, +1 (555) 123-4567, +44 20 7946 0958.
    String.raw`(?:\+\d{1,3}[ -]?(?:\(\d{1,4}\)[ -]?)?\d{1,4}(?:[ -]?\d{1,4}){1,5}`,
    // National, with an area code: (555) 123 4567, 555-123-4567, 555.123.4567, 020 7946 0958,
    // 07946 095812; or local 555-1234.
    String.raw`|(?:\(\d{2,5}\)[ -]?|\d{2,5}[ -])\d{3,4}[ -]\d{4}|\d{3}\.\d{3}\.\d{4}|0\d{3,4} \d{6}|\d{3}[ -]\d{4})`,
    // Nor followed by more of a number, or a currency (`12 345 678 €`).
    String.raw`(?![\w@]|[ ./:,-]\d|\s?[$€£¥%]|\s?(?:EUR|USD|GBP)\b)`,
  ].join(''),
  'g',
);

/** Phones of 7 to 15 digits (E.164's most). Bare digit runs without `+` are left: they read as order or account numbers. */
export const findPhones = byPattern(PHONE, 'phone', (value) => {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? `•••••••${digits.slice(-2)}` : undefined;
});
