// Elements inside <escalation-context> may upgrade before it does (any script order, lazy CDN
// chunks). A ContextRoot replays their unanswered context requests once the provider appears.
import type { ContextRoot } from '@lit/context';

const attached = Symbol.for('escalate-video/context-root');

export function attachContextRoot(Root: typeof ContextRoot): void {
  const holder = document as Document & { [attached]?: true };
  if (holder[attached]) return;
  holder[attached] = true;
  new Root().attach(document.documentElement);
}
