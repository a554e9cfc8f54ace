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

/** The provider answered, and refused: its status may be told to the agent (nothing else of ours is). */
export class ProviderRefused extends Error {
  constructor(
    readonly channel: string,
    readonly status: number,
  ) {
    super(`the ${channel} provider answered ${status}`);
  }
}

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
    if (!response.ok) throw new ProviderRefused(message.channel, response.status);
  };
}
