// JSX typings for React 19, which sets a custom element's props as properties when the element
// has one (`key in element`, so define the elements before rendering) and adds a listener for a
// prop named `on` + the exact event name whose value is a function (`onescalation-link` listens
// for `escalation-link`; a `Capture` suffix listens in the capture phase). Types only:
// `import type {} from 'escalate-video/react'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  EscalateVideoElements,
  EscalateVideoEvent,
  EscalateVideoEventName,
  EscalateVideoProperties,
  EscalateVideoTag,
} from './element-types.js';

export type * from './element-types.js';

/** `on<event-name>` and `on<event-name>Capture` for every event that reaches `Tag`, case as dispatched. */
export type ReactEventProps<Tag extends EscalateVideoTag> = {
  [Name in EscalateVideoEventName<Tag> as `on${Name}` | `on${Name}Capture`]?: (event: EscalateVideoEvent<Tag, Name>) => void;
};

/** Everything a `<Tag>` takes in JSX: React's HTML props (with `ref` to the element), its properties, its events. */
export type ReactProps<Tag extends EscalateVideoTag> = Omit<
  DetailedHTMLProps<HTMLAttributes<EscalateVideoElements[Tag]>, EscalateVideoElements[Tag]>,
  keyof EscalateVideoProperties<Tag>
> &
  Partial<EscalateVideoProperties<Tag>> &
  ReactEventProps<Tag>;

type ReactElements = { [Tag in EscalateVideoTag]: ReactProps<Tag> };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends ReactElements {}
  }
}
