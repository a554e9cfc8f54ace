// What a translator has left to do: the key paths English has that a translation lacks.
import { en } from './english.js';
import type { Translation } from './translation.js';

/** Every key path English has that `translation` lacks (`room.roleNames.expert`, …). */
export function missingKeys(translation: Translation, base: object = en, prefix = ''): string[] {
  const missing: string[] = [];
  for (const [key, value] of Object.entries(base)) {
    const path = `${prefix}${key}`;
    const theirs = (translation as Record<string, unknown>)[key];
    if (typeof value === 'string') {
      if (typeof theirs !== 'string') missing.push(path);
    } else missing.push(...missingKeys((theirs ?? {}) as Translation, value as object, `${path}.`));
  }
  return missing;
}
