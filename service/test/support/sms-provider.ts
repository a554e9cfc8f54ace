// A stand-in SMS and e-mail provider over HTTP: it keeps what the service's webhook sender posts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMessage {
  channel: string;
  to: string;
  text: string;
}

export interface SmsProvider {
  url: string;
  received: ReceivedMessage[];
  /** While down, it answers 503 (having taken the message or not: a provider can fail either way). */
  setDown(down: boolean): void;
  stop(): Promise<void>;
}

export async function startSmsProvider(): Promise<SmsProvider> {
  const received: ReceivedMessage[] = [];
  let down = false;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => {
      if (down) return void response.writeHead(503).end();
      received.push(JSON.parse(body) as ReceivedMessage);
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`,
    received,
    setDown: (value) => {
      down = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
