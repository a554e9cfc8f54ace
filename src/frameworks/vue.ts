// Template typings for Vue 3 (vue-tsc, Vue - Official), in the shape Vue's guide gives for custom
// elements not built with Vue: a `GlobalComponents` entry per tag whose `$props` are the element's
// properties and whose `$emit` lists its events. At run time Vue sets a binding as a property when
// the element has one under that exact name (`:serviceUrl`, `:getToken`; a kebab-case binding is
// an attribute), and `@escalation-link` listens for `escalation-link`. Types only:
// `import type {} from 'escalate-video/vue'`.
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type {
  EscalateVideoElements,
  EscalateVideoEvent,
  EscalateVideoEventName,
  EscalateVideoProperties,
  EscalateVideoTag,
} from './element-types.js';

export type * from './element-types.js';

/** The events of `Tag` in the form `$emit` is typed from: name → listener. */
export type VueEmits<Tag extends EscalateVideoTag> = {
  [Name in EscalateVideoEventName<Tag>]: (event: EscalateVideoEvent<Tag, Name>) => void;
};

/** What Vue's template checker reads for `<Tag>`: the element, plus `$props` and `$emit`. */
export type VueElement<Tag extends EscalateVideoTag> = new () => EscalateVideoElements[Tag] & {
  /** @deprecated For template type checking only: the element has no `$props`. */
  $props: Omit<HTMLAttributes, keyof EscalateVideoProperties<Tag>> & Partial<EscalateVideoProperties<Tag>> & PublicProps;
  /** @deprecated For template type checking only: the element has no `$emit`. */
  $emit: EmitFn<VueEmits<Tag>>;
};

type VueElements = { [Tag in EscalateVideoTag]: VueElement<Tag> };

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends VueElements {}
}
