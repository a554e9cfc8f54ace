// New ways in: a short code from the unambiguous alphabet, a 256-bit link token, and the guest
// tokens a redeem hands out (kept only as their SHA-256).
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH } from '../../../src/protocol/index.js';
import type { Invitation } from './records.js';

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newInvitation(expiresAt: number): Invitation {
  return { code: newCode(), linkToken: newSecretToken(), expiresAt, redeemedBy: null, participantId: null, janusToken: null };
}
