// Reads the credential of a request: `Authorization: Bearer <token>` or `ApiKey <key>`.
import type { IncomingMessage } from 'node:http';

export type Credential = { scheme: 'bearer' | 'apikey'; value: string } | undefined;

export function credentialOf(request: IncomingMessage): Credential {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^(Bearer|ApiKey)\s+(\S+)\s*$/i.exec(header);
  if (!match) return undefined;
  return { scheme: match[1]!.toLowerCase() as 'bearer' | 'apikey', value: match[2]! };
}
