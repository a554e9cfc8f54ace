// Template typings for Svelte 5 (svelte-check, the Svelte extension): an entry per tag in
// `SvelteHTMLElements`. Svelte sets an attribute as a property when the defined element has a
// setter by that name (`serviceUrl={…}`), and `onescalation-link={…}` listens for
// `escalation-link`: the name after `on` is taken as written, case included, and a `capture`
// suffix listens in the capture phase. Types only: `import type {} from 'escalate-video/svelte'`.
import type { HTMLAttributes } from 'svelte/elements';
import type {
  EscalateVideoElements,
  EscalateVideoEvent,
  EscalateVideoEventName,
  EscalateVideoProperties,
  EscalateVideoTag,
} from './element-types.js';

export type * from './element-types.js';

/** `on<event-name>` and `on<event-name>capture` for every event that reaches `Tag`. */
export type SvelteEventAttributes<Tag extends EscalateVideoTag> = {
  [Name in EscalateVideoEventName<Tag> as `on${Name}` | `on${Name}capture`]?:
    ((event: EscalateVideoEvent<Tag, Name>) => void) | null | undefined;
};

/** Everything a `<Tag>` takes in a Svelte template: the HTML attributes, its properties, its events. */
export type SvelteAttributes<Tag extends EscalateVideoTag> = Omit<
  HTMLAttributes<EscalateVideoElements[Tag]>,
  keyof EscalateVideoProperties<Tag>
> &
  Partial<EscalateVideoProperties<Tag>> &
  SvelteEventAttributes<Tag>;

type SvelteElements = { [Tag in EscalateVideoTag]: SvelteAttributes<Tag> };

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SvelteHTMLElements extends SvelteElements {}
}
