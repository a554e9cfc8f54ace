// Reads a request body as JSON, refusing what a hostile client might send: more than the size
// limit, another content type, invalid JSON, something other than an object, deeper nesting
// than any real request has, and keys that would reach object prototypes.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 6;

export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const type = String(request.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new HttpError('unsupported-media-type', 'send JSON (content-type: application/json)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'), (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new HttpError('bad-request', `the request body may not contain the key "${key}"`);
      return value;
    });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError('bad-request', 'the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new HttpError('bad-request', 'the request body must be a JSON object');
  if (depth(parsed) > MAX_DEPTH)
    throw new HttpError('bad-request', `the request body is nested more than ${MAX_DEPTH} levels deep`);
  return parsed as Record<string, unknown>;
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError('payload-too-large', `the request body is larger than ${Math.round(limitBytes / 1024)} KB`);
}

function depth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child));
  return deepest + 1;
}
