// Rules both sides apply to what people type and what links carry, written once.

/** An E.164 phone number: `+`, a country calling code, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** An e-mail address as the service accepts it: one `@`, a dotted domain, no spaces. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

/**
 * Guest codes are read out over the phone: letters and digits nobody confuses (no 0/O, 1/I/L,
 * 2/Z, 5/S, 8/B, 6/G), nine of them, shown in three groups of three (about 40 bits).
 */
export const CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY3479';
export const CODE_LENGTH = 9;
const CODE_GROUP = 3;

/** What a person typed, as a code: case, spaces and dashes do not matter. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeCode(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char));
}

/** `ACDEFHJKM` → `ACD-EFH-JKM`, the way it is shown and read out. */
export function formatCode(code: string): string {
  const groups: string[] = [];
  for (let at = 0; at < code.length; at += CODE_GROUP) groups.push(code.slice(at, at + CODE_GROUP));
  return groups.join('-');
}

/** A link token: 32 random bytes, base64url (256 bits); what the customer's link carries. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Whether a credential from a link or a person is a link token rather than a short code. */
export function isLinkToken(credential: string): boolean {
  return LINK_TOKEN.test(credential);
}

/**
 * Characters a name, note or reason must not contain: C0/C1 controls (tab and line breaks aside)
 * and the bidirectional overrides and isolates that make text read differently than it is stored.
 */
// Control characters are the point of this pattern.
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** Longest accepted texts, in characters. */
export const TEXT_LIMITS = {
  interactionId: 128,
  name: 200,
  caseNumber: 64,
  issue: 2000,
  notes: 2000,
  email: 320,
  reason: 200,
  comment: 1000,
} as const;
