// Masks card numbers, IBANs, national ids, e-mail addresses and phone numbers in free text, for
// everything stored or shown to anyone but the agent. Only the Node runtime; no dependencies.
//
// What each value becomes (fixed shapes, so a mask does not tell the value's length):
//   card         `•••• •••• •••• 1111`   last 4 digits kept; only when the digits pass Luhn
//   iban         `DE•• •••• 3000`        country code and last 4 kept (upper case); only when mod-97 passes
//   national-id  `[national id]`         whatever the configured pattern matched, fully
//   email        `•••@example.com`       the domain kept as written
//   phone        `•••••••67`             last 2 digits kept
//
// Finders run in this order: IBANs, cards (both checksum-validated), national ids, e-mail, phones.
// Each one's finds are blanked before the next looks, so no value is masked twice and no mask or
// part of a found value becomes part of a later match.
import { DEFAULT_NATIONAL_ID_PATTERNS, findCards, findEmails, findIbans, findPhones, nationalIdFinder } from './finders.js';
import type { Finder, Finding } from './finders.js';

export type RedactionKind = 'card' | 'iban' | 'national-id' | 'email' | 'phone';

export interface RedactionRules {
  /**
   * Extra national-id patterns (configurable per deployment), as RegExp source strings without flags, e.g. US SSN
   * '\\b\\d{3}-\\d{2}-\\d{4}\\b'. Default: US SSN (dashed or spaced, not all-zero groups) and UK National Insurance
   * numbers (e.g. 'QQ 12 34 56 C'). Given, the list replaces the defaults; to keep them too, spread
   * DEFAULT_NATIONAL_ID_PATTERNS (./finders.js) into it. Each is compiled with the `g` flag only; an invalid one throws.
   */
  nationalIdPatterns?: readonly string[];
}

export interface Redacted {
  text: string;
  /** The distinct kinds masked, in the order they appear in the text. */
  kinds: RedactionKind[];
}

// No built-in pattern matches NUL, and no value contains it: a blanked span ends a match at its edge.
const BLANK = '\u0000';

export function redact(text: string, rules?: RedactionRules): Redacted {
  const nationalIds = (rules?.nationalIdPatterns ?? DEFAULT_NATIONAL_ID_PATTERNS).map(nationalIdFinder);
  const finders: Finder[] = [findIbans, findCards, ...nationalIds, findEmails, findPhones];
  let working = text;
  const found: Finding[] = [];
  for (const find of finders) {
    // Rebuilt once per finder, not per find, so a long text with many values stays linear.
    const pieces: string[] = [];
    let from = 0;
    for (const hit of find(working)) {
      // A configured pattern could reach into an earlier find (`.{6}`); that one is not masked again.
      if (working.slice(hit.start, hit.end).includes(BLANK)) continue;
      found.push(hit);
      pieces.push(working.slice(from, hit.start), BLANK.repeat(hit.end - hit.start));
      from = hit.end;
    }
    working = pieces.join('') + working.slice(from);
  }
  found.sort((a, b) => a.start - b.start);
  let masked = '';
  let at = 0;
  const kinds: RedactionKind[] = [];
  for (const hit of found) {
    masked += text.slice(at, hit.start) + hit.mask;
    at = hit.end;
    if (!kinds.includes(hit.kind)) kinds.push(hit.kind);
  }
  return { text: masked + text.slice(at), kinds };
}

/** Masks every string value of `fields` (not nested ones); other values are kept as they are. */
export function redactFields<T extends Record<string, unknown>>(
  fields: T,
  rules?: RedactionRules,
): { fields: T; kinds: RedactionKind[] } {
  const masked: Record<string, unknown> = { ...fields };
  const kinds: RedactionKind[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') continue;
    const result = redact(value, rules);
    masked[key] = result.text;
    for (const kind of result.kinds) if (!kinds.includes(kind)) kinds.push(kind);
  }
  return { fields: masked as T, kinds };
}
