// The project's own Janus for the service's tests, started by the same script as the browser
// tests' (scripts/janus.mjs, the project's config with token_auth on). APIs only: no media here.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StartedJanus {
  httpUrl: string;
  wsUrl: string;
  roomAdminKey: string;
  tokenSecret: string;
  adminUrl: string;
  adminSecret: string;
  logFile: string;
  stop(): Promise<void>;
  restart(options?: { downMs?: number }): Promise<void>;
}

/** The repository's root: the folder with janus/janus.jcfg above this file (compiled or not). */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'janus', 'janus.jcfg'))) {
    const parent = resolve(folder, '..');
    if (parent === folder) throw new Error('the repository root (with janus/janus.jcfg) was not found');
    folder = parent;
  }
  return folder;
}

/** `sharing`: a Janus whose token secret and room admin key this one takes (one deployment). */
export async function startTestJanus(name: string, sharing?: StartedJanus): Promise<StartedJanus> {
  const root = repositoryRoot();
  const script = (await import(pathToFileURL(join(root, 'scripts', 'janus.mjs')).href)) as {
    startJanus(options: { runDir: string; bind?: string; tokenSecret?: string; roomAdminKey?: string }): Promise<StartedJanus>;
  };
  return script.startJanus({
    runDir: join(root, '.run', `service-test-${process.pid}-${name}`),
    bind: process.env['ESCALATE_ICE_ADDRESS'] ?? '127.0.0.1',
    ...(sharing ? { tokenSecret: sharing.tokenSecret, roomAdminKey: sharing.roomAdminKey } : {}),
  });
}
