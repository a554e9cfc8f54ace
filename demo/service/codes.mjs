// @ts-check
// Guest codes: short enough to read out over the phone, from letters and digits nobody confuses
// (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G), and a throttle that slows and logs guessing.
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ACDEFHJKMNPQRTUVWXY3479';
export const CODE_LENGTH = 7;

export function newCode() {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What a person typed, as a code: case, spaces and dashes do not matter. */
export function normalizeCode(typed) {
  return String(typed ?? '').toUpperCase().replace(/[\s-]/g, '');
}

export function looksLikeCode(code) {
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char));
}

/** Counts failed redemptions per client; past `limit` in `windowMs`, the client must wait. */
export class Throttle {
  constructor({ limit = 5, windowMs = 60_000, log = console.warn } = {}) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.log = log;
    /** @type {Map<string, number[]>} */
    this.failures = new Map();
  }

  /** Milliseconds the client must still wait, or 0. */
  waitFor(client, now = Date.now()) {
    const recent = (this.failures.get(client) ?? []).filter((at) => now - at < this.windowMs);
    this.failures.set(client, recent);
    return recent.length >= this.limit ? this.windowMs - (now - recent[0]) : 0;
  }

  fail(client, code, now = Date.now()) {
    const recent = [...(this.failures.get(client) ?? []), now];
    this.failures.set(client, recent);
    if (recent.length >= this.limit) this.log(`escalation service: ${recent.length} failed code attempts from ${client} (last: ${code}); throttling`);
  }
}
