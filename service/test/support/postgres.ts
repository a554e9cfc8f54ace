// A PostgreSQL cluster for the service's tests, started by the project's own script
// (scripts/postgres.mjs), stopped after the file's tests.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from './janus.js';

export interface StartedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startTestPostgres(name: string): Promise<StartedPostgres> {
  const root = repositoryRoot();
  const script = (await import(pathToFileURL(join(root, 'scripts', 'postgres.mjs')).href)) as {
    startPostgres(options: { runDir: string }): Promise<StartedPostgres>;
  };
  return script.startPostgres({ runDir: join(root, '.run', `postgres-${process.pid}-${name}`) });
}
