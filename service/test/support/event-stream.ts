// The agent's progress stream as a test reads it: Server-Sent Events over fetch, with the
// agent's token and, on a reconnection, Last-Event-ID.
export interface HeardEvent {
  id: number;
  event: string;
  data: string;
}

export interface OpenedStream {
  heard: HeardEvent[];
  /** The last id the service gave (a `ready` event's included): what a reconnection sends back. */
  readonly lastId: number | undefined;
  /** Everything received, as text (retry hints and comments too). */
  readonly raw: string;
  /** Whether the service ended the stream. */
  readonly ended: boolean;
  /** Resolves once `count` events have arrived (or rejects after `timeoutMs`). */
  until(count: number, timeoutMs?: number): Promise<HeardEvent[]>;
  close(): void;
}

export async function openStream(url: string, token: string, lastEventId?: number): Promise<OpenedStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}: ${await response.text()}`);
  const heard: HeardEvent[] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let ended = false;
  let lastId: number | undefined;
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) {
        ended = true;
        return;
      }
      const text = decoder.decode(value, { stream: true });
      raw += text;
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        if (fields['id'] !== undefined) lastId = Number(fields['id']);
        // `ready` only tells a first connection the latest id: bookkeeping, not news.
        if (fields['data'] !== undefined && fields['event'] !== 'ready')
          heard.push({ id: Number(fields['id']), event: fields['event'] ?? 'message', data: fields['data'] });
      }
    }
  })();
  return {
    heard,
    get lastId() {
      return lastId;
    },
    get raw() {
      return raw;
    },
    get ended() {
      return ended;
    },
    until: async (count, timeoutMs = 5000) => {
      const giveUpAt = Date.now() + timeoutMs;
      while (heard.length < count) {
        if (Date.now() > giveUpAt) throw new Error(`heard ${heard.length} of ${count} events: ${JSON.stringify(heard)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return heard;
    },
    close: () => controller.abort(),
  };
}
