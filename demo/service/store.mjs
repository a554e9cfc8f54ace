// @ts-check
// The service's state in one JSON file, written atomically, so escalations survive a restart.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function emptyState() {
  return { escalations: {}, codes: {}, expertCodes: {}, keys: {}, ratings: [], cancelledKeys: {} };
}

export class Store {
  constructor(file) {
    this.file = file;
    this.state = existsSync(file) ? { ...emptyState(), ...JSON.parse(readFileSync(file, 'utf8')) } : emptyState();
  }

  save() {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state));
    renameSync(temporary, this.file);
  }
}
