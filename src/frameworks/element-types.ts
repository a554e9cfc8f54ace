// The one description of the elements that the framework typings (react.ts, vue.ts, svelte.ts,
// angular.ts) are written from: each tag's class, the events a listener on it receives, and, derived
// from the class, the properties a page may set. Types only: nothing here runs.
import type { LitElement } from 'lit';
import type { DeviceCheckElement } from '../elements/device-check/device-check.js';
import type { EscalateButtonElement } from '../elements/escalate-button/escalate-button.js';
import type { EscalationContextElement } from '../elements/escalation-context/escalation-context.js';
import type { EscalationJoinCardElement } from '../elements/escalation-join-card/escalation-join-card.js';
import type { VideoRoomElement } from '../elements/video-room/video-room.js';
import type { ExpertDeskElement } from '../elements/expert-desk/expert-desk.js';
import type {
  DeviceCheckResultEvent,
  EscalationCallbackRequestEvent,
  EscalationClosedEvent,
  EscalationExpertEvent,
  EscalationFallbackEvent,
  EscalationGuestProgressEvent,
  EscalationLinkDeliveryEvent,
  EscalationLinkEvent,
  EscalationMediaChangeEvent,
  EscalationNewLinkRequestEvent,
  EscalationParticipantJoinedEvent,
  EscalationParticipantLeftEvent,
  EscalationRoomErrorEvent,
  EscalationRoomJoinedEvent,
  EscalationRoomLeftEvent,
  EscalationSnapshotEvent,
  EscalationStateChangeEvent,
} from '../events/index.js';

/** Each element of the package under its default tag. */
export interface EscalateVideoElements {
  'escalation-context': EscalationContextElement;
  'escalate-button': EscalateButtonElement;
  'video-room': VideoRoomElement;
  'escalation-join-card': EscalationJoinCardElement;
  'device-check': DeviceCheckElement;
  'expert-desk': ExpertDeskElement;
}

export type EscalateVideoTag = keyof EscalateVideoElements;

/**
 * The event classes whose events reach a listener on each element: the ones it dispatches, and
 * those of the elements it renders in its shadow root (every event of the package bubbles and is
 * composed, so `<escalation-join-card>` passes on its `<video-room>`'s, and that one its
 * `<device-check>`'s). `<escalate-button>` dispatches none: it drives the `<escalation-context>`
 * around it, which announces what follows.
 */
interface EventClasses {
  'escalation-context':
    | typeof EscalationStateChangeEvent
    | typeof EscalationLinkEvent
    | typeof EscalationLinkDeliveryEvent
    | typeof EscalationGuestProgressEvent
    | typeof EscalationExpertEvent
    | typeof EscalationFallbackEvent
    | typeof EscalationCallbackRequestEvent
    | typeof EscalationNewLinkRequestEvent
    | typeof EscalationSnapshotEvent
    | typeof EscalationClosedEvent;
  'escalate-button': never;
  'video-room':
    | typeof EscalationRoomJoinedEvent
    | typeof EscalationRoomLeftEvent
    | typeof EscalationParticipantJoinedEvent
    | typeof EscalationParticipantLeftEvent
    | typeof EscalationMediaChangeEvent
    | typeof EscalationRoomErrorEvent
    | EventClasses['device-check'];
  'escalation-join-card': typeof EscalationNewLinkRequestEvent | EventClasses['video-room'];
  'device-check': typeof DeviceCheckResultEvent;
  'expert-desk': EventClasses['video-room'];
}

/**
 * Public properties an element reports rather than takes: a page reads them (and styles the
 * reflected `state` attribute) but setting one from a template would only be overwritten.
 */
interface ReportedProperties {
  'escalation-context': 'state';
  'escalate-button': never;
  'video-room': 'state';
  'escalation-join-card': never;
  'device-check': 'result';
  'expert-desk': never;
}

/** Event name → event, for the events that reach a listener on `Tag` (the names are the classes' `eventName`). */
export type EscalateVideoEventMap<Tag extends EscalateVideoTag> = {
  [Class in EventClasses[Tag] as Class['eventName']]: InstanceType<Class>;
};

export type EscalateVideoEventName<Tag extends EscalateVideoTag> = keyof EscalateVideoEventMap<Tag> & string;

/** What a listener on `Tag` is handed for `Name`: the event, its `currentTarget` the element listened on. */
export type EscalateVideoEvent<
  Tag extends EscalateVideoTag,
  Name extends EscalateVideoEventName<Tag>,
> = EscalateVideoEventMap<Tag>[Name] & { readonly currentTarget: EscalateVideoElements[Tag] };

type IsSame<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Keys that can be assigned: a getter without a setter (`actor`, `media`) is read-only. */
type AssignableKeys<T> = {
  [K in keyof T]-?: IsSame<{ [P in K]: T[K] }, { -readonly [P in K]: T[K] }> extends true ? K : never;
}[keyof T];

/** Keys that hold a value: a method is called, not set. A callback property (`getToken`) is a value that may be undefined. */
type ValueKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? never : K }[keyof T];

/**
 * The properties a page sets on `Tag`: the element's own public, assignable, non-method properties
 * (what LitElement and HTMLElement have is left to each framework's HTML typings), less the ones
 * it reports. Derived from the class, so a property added to an element is typed everywhere.
 */
export type EscalateVideoProperties<Tag extends EscalateVideoTag> = Pick<
  EscalateVideoElements[Tag],
  Exclude<
    AssignableKeys<EscalateVideoElements[Tag]> & ValueKeys<EscalateVideoElements[Tag]>,
    keyof LitElement | ReportedProperties[Tag]
  >
>;
