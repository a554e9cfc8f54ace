// Type-level test of escalate-video/vue (checked by `tsc -p tsconfig.test.json`, never run): the
// `GlobalComponents` entries, whose `$props` and `$emit` are what Vue's template checker reads for
// `<escalation-context :serviceUrl="…" @escalation-link="…">`.
import type { GlobalComponents } from 'vue';
import type {} from '../../src/frameworks/vue.js';
import type {
  EscalationContextElement,
  EscalationFallbackEvent,
  EscalationJoinCardElement,
  EscalationLinkEvent,
  EscalationRoomJoinedEvent,
  VideoRoomElement,
} from '../../src/index.js';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];
type Emit<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$emit'];
/** An event as a listener on `Target` receives it. */
type At<E extends Event, Target> = E & { readonly currentTarget: Target };

export const desk: Props<'escalation-context'> = {
  mode: 'voice',
  serviceUrl: 'https://escalations.example.com',
  getToken: async () => 'eyJ…',
  joinTimeout: 180,
  persistKey: 'agent-7:call-42',
  class: ['desk', { busy: true }],
  key: 'call-42',
};
export const room: Props<'video-room'> = { noVideo: true, iceServers: [], participantRole: 'host' };
export const card: Props<'escalation-join-card'> = { code: 'ACD-EFH-JKM', fill: true };
export const check: Props<'device-check'> = { compact: true };

export function listen(
  context: Emit<'escalation-context'>,
  videoRoom: Emit<'video-room'>,
  joinCard: Emit<'escalation-join-card'>,
  link: At<EscalationLinkEvent, EscalationContextElement>,
  fallback: At<EscalationFallbackEvent, EscalationContextElement>,
  joined: At<EscalationRoomJoinedEvent, VideoRoomElement>,
  joinedThroughCard: At<EscalationRoomJoinedEvent, EscalationJoinCardElement>,
) {
  context('escalation-link', link);
  context('escalation-fallback', fallback);
  videoRoom('escalation-room-joined', joined);
  // The card passes on the events of the room it shows.
  joinCard('escalation-room-joined', joinedThroughCard);

  // @ts-expect-error `escalation-link` hands over an EscalationLinkEvent
  context('escalation-link', fallback);
  // @ts-expect-error <escalation-context> dispatches no room events (<video-room> does)
  context('escalation-room-joined', joinedThroughCard);
  // @ts-expect-error event names are kebab-case
  context('escalationLink', link);
}

export const wrong: Props<'escalation-context'>[] = [
  // @ts-expect-error `joinTimeout` is a number of seconds
  { joinTimeout: '180' },
  // @ts-expect-error `mode` is 'voice' or 'chat'
  { mode: 'video' },
  // @ts-expect-error `state` is reported by the element, not set on it
  { state: 'idle' },
  // @ts-expect-error `actor` is read-only
  { actor: undefined },
];
