// What an operator's tools ask of a running service: `/healthz` (the process answers), `/readyz`
// (its store and at least one Janus answer) and `/metrics` (Prometheus; only with the metrics
// token, when one is configured, else not served). Not part of the escalation contract.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServiceMetrics } from '../metrics.js';

export interface OperationsAnswer {
  status: number;
  type: string;
  body: string;
}

export interface OperationsDeps {
  /** What is not ready, by name (empty when all is). */
  notReady(): Promise<string[]>;
  metrics: ServiceMetrics;
  metricsToken: string | undefined;
}

export async function operationsEndpoint(request: IncomingMessage, deps: OperationsDeps): Promise<OperationsAnswer | undefined> {
  if (request.method !== 'GET') return undefined;
  const path = (request.url ?? '').split('?')[0];
  if (path === '/healthz') return json(200, { status: 'ok' });
  if (path === '/readyz') {
    const missing = await deps.notReady();
    return missing.length === 0 ? json(200, { status: 'ready' }) : json(503, { status: 'not ready', missing });
  }
  if (path === '/metrics' && deps.metricsToken) {
    if (!sameToken(request.headers.authorization, `Bearer ${deps.metricsToken}`))
      return json(401, { error: { code: 'unauthorized', message: 'the metrics need the metrics token' } });
    return { status: 200, type: deps.metrics.registry.contentType, body: await deps.metrics.registry.metrics() };
  }
  return undefined;
}

function json(status: number, body: unknown): OperationsAnswer {
  return { status, type: 'application/json', body: JSON.stringify(body) };
}

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
