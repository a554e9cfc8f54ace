// What Angular needs besides `schemas: [CUSTOM_ELEMENTS_SCHEMA]`. Under `strictTemplates` (or
// `strictDomEventTypes`) Angular types `$event` in `(escalation-link)="…"` from
// `document.createElement(tag).addEventListener(name, …)`, that is from the DOM's own maps: the tag
// map entries below and the event map entries every event class declares. Angular does not
// type-check property bindings on DOM elements (`[serviceUrl]`), so the properties are exported for
// typing the component fields bound to them. Types only: `import type {} from 'escalate-video/angular'`
// (an app that imports `escalate-video/define/…` already has the tag map; a CDN page does not).
import type { EscalateVideoElements, EscalateVideoProperties, EscalateVideoTag } from './element-types.js';

export type * from './element-types.js';

/** The properties of `<Tag>` a template may bind, e.g. `serviceUrl: AngularInputs<'escalation-context'>['serviceUrl']`. */
export type AngularInputs<Tag extends EscalateVideoTag> = Partial<EscalateVideoProperties<Tag>>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementTagNameMap extends EscalateVideoElements {}
}
