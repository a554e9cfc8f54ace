// Where SMS and e-mail with the guest link go: an outbox file (the demo) or a webhook the
// contact center points at its SMS or mail provider. Secrets (the webhook token) stay here.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  to: string;
  text: string;
}

export type Sender = (message: OutgoingMessage) => Promise<void>;

export function outboxSender(file: string): Sender {
  return async (message) => {
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify({ ...message, at: new Date().toISOString() })}\n`);
  };
}

export function webhookSender(url: string, token?: string): Sender {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the ${message.channel} provider answered ${response.status}`);
  };
}
