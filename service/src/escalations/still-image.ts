// A still as the customer's page sends it (base64), checked before anything is kept: well-formed
// base64, no larger than the protocol allows, and bytes that really are the type they are labelled
// (a page, or someone holding a customer's token, could label anything an image; the agent's
// desk shows what it gets).
import { SNAPSHOT_MAX_BYTES, type SnapshotImageType } from '../../../src/protocol/index.js';
import { HttpError } from '../http/http-error.js';

/** How each type's files begin. */
const SIGNATURES: Record<SnapshotImageType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** The base64 text of the largest still. */
const MAX_BASE64 = Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4;

export function decodeStill(type: SnapshotImageType, base64: string): Buffer {
  if (base64.length > MAX_BASE64) throw tooLarge();
  const bytes = Buffer.from(base64, 'base64');
  // Node decodes leniently (it skips what is not base64): only text that encodes back to itself is well-formed.
  if (base64.length % 4 !== 0 || bytes.toString('base64') !== base64)
    throw new HttpError('bad-request', 'image must be base64 (without a data: prefix)');
  if (bytes.length > SNAPSHOT_MAX_BYTES) throw tooLarge();
  const signature = SIGNATURES[type];
  if (bytes.length <= signature.length || signature.some((byte, index) => bytes[index] !== byte))
    throw new HttpError('bad-request', `image is not ${type === 'image/jpeg' ? 'a JPEG' : 'a PNG'} image`);
  return bytes;
}

function tooLarge(): HttpError {
  return new HttpError('payload-too-large', `a still may be at most ${SNAPSHOT_MAX_BYTES / (1024 * 1024)} MB`);
}
