// The agent's progress stream: Server-Sent Events per escalation. The service writes guest
// steps, callback requests, expert and new-link news to every stream open on that escalation.
import type { ServerResponse } from 'node:http';
import type { ProgressEventName } from '../../src/protocol/index.js';

const KEEP_ALIVE_MS = 15_000;

export class ProgressHub {
  private readonly listeners = new Map<string, Set<ServerResponse>>();

  /** Opens a stream on `response`; it stays open until the client goes. */
  open(escalationId: string, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    let audience = this.listeners.get(escalationId);
    if (!audience) this.listeners.set(escalationId, (audience = new Set()));
    audience.add(response);
    // A comment now and then keeps proxies from closing a quiet stream.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    response.on('close', () => {
      clearInterval(keepAlive);
      audience.delete(response);
      if (audience.size === 0) this.listeners.delete(escalationId);
    });
  }

  /** Sends one event to whoever listens; answers how many did. */
  send(escalationId: string, event: ProgressEventName, data: string): number {
    const audience = this.listeners.get(escalationId);
    for (const response of audience ?? []) response.write(`event: ${event}\ndata: ${data}\n\n`);
    return audience?.size ?? 0;
  }

  closeAll(): void {
    for (const audience of this.listeners.values()) for (const response of audience) response.end();
    this.listeners.clear();
  }
}
