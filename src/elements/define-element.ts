// Registers an element class without ever throwing: the CDN script and an npm copy can share a
// page. Same class again: nothing to do. Another class under the tag: keep the first, and warn.
import { logger } from '../core/logger.js';

export function defineElement(
  tag: string,
  element: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  const existing = registry.get(tag);
  if (existing === element) return;
  if (existing) {
    logger.warn(`<${tag}> is already defined by another copy of the class; keeping the first one.`);
    return;
  }
  registry.define(tag, element);
}
