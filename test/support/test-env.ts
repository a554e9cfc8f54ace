// What the test run started for the tests (see scripts/test.mjs), served by the test runner.
import { executeServerCommand } from '@web/test-runner-commands';

export interface TestEnv {
  janusWsUrl: string;
  janusHttpUrl: string;
  /** The only address Janus offers media on (the test namespace's), or null outside a namespace. */
  mediaAddress: string | null;
  /** The reference escalation service the runner started. */
  serviceUrl: string;
  /** An API key of a contact-center flow of tenant-1 on that service (create and send only). */
  flowApiKey: string;
}

export async function testEnv(): Promise<TestEnv> {
  const env = (await (await fetch('/__test-env.json')).json()) as Partial<Record<keyof TestEnv, string | null>>;
  if (!env.janusWsUrl || !env.janusHttpUrl || !env.serviceUrl) {
    throw new Error('No Janus for the e2e tests: run them with `npm test`, which starts one (scripts/test.mjs).');
  }
  return {
    janusWsUrl: env.janusWsUrl,
    janusHttpUrl: env.janusHttpUrl,
    mediaAddress: env.mediaAddress ?? null,
    serviceUrl: env.serviceUrl,
    flowApiKey: env.flowApiKey ?? '',
  };
}

/**
 * Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` with
 * `what`, what `explain` says of the moment, and the service's last warnings (so a failure in CI
 * can be read without rerunning it).
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15000,
  explain?: () => unknown,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() - started > timeoutMs) throw new Error(await timedOut(what, timeoutMs, explain));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function timedOut(what: string, timeoutMs: number, explain?: () => unknown): Promise<string> {
  const lines = [`timed out after ${timeoutMs} ms waiting for ${what}`];
  if (explain) lines.push(`at that moment: ${JSON.stringify(await Promise.resolve(explain()).catch(String))}`);
  const warnings = await executeServerCommand<string, undefined>('service-log').catch(() => '');
  if (warnings) lines.push(`the service's last warnings:\n${warnings}`);
  return lines.join('\n');
}

/**
 * A fresh VideoRoom on the test Janus, locked as the service's rooms are (it survives a Janus
 * restart), and the one media token on its allow-list.
 */
export async function createJanusRoom(): Promise<{ room: string; token: string }> {
  const response = await fetch('/__janus/rooms');
  if (!response.ok) throw new Error(`creating a Janus room failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { room: string; token: string };
}

/** A media-server token for one plugin, as the service mints them (`ttl` seconds; negative: expired). */
export async function janusToken(plugin: 'videoroom' | 'echotest', ttl = 600): Promise<string> {
  return ((await (await fetch(`/__janus/token?plugin=${plugin}&ttl=${ttl}`)).json()) as { token: string }).token;
}

/** An agent's sign-in token from the tests' issuer (`ttl` seconds; negative: expired). */
export async function agentToken(options: { agent?: string; tenant?: string; ttl?: number } = {}): Promise<string> {
  const query = new URLSearchParams({
    agent: options.agent ?? 'agent-1',
    tenant: options.tenant ?? 'tenant-1',
    ttl: String(options.ttl ?? 3600),
  });
  return ((await (await fetch(`/__test/agent-token?${query}`)).json()) as { token: string }).token;
}
