// Type-level test of escalate-video/svelte (checked by `tsc -p tsconfig.test.json`, never run): the
// `SvelteHTMLElements` entries, which are what svelte-check reads for
// `<escalation-context serviceUrl={…} onescalation-link={…}>`.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '../../src/frameworks/svelte.js';
import type { EscalationContextElement, EscalationLinkEvent } from '../../src/index.js';

export const desk: SvelteHTMLElements['escalation-context'] = {
  mode: 'chat',
  serviceUrl: 'https://escalations.example.com',
  getToken: () => 'eyJ…',
  class: 'desk',
  'onescalation-link': (event) => {
    const url: string = event.detail.url;
    const element: EscalationContextElement = event.currentTarget;
    element.send({ type: 'TASK_CLOSED' });
    return url;
  },
  'onescalation-closedcapture': (event) => event.detail.summary,
};
export const room: SvelteHTMLElements['video-room'] = {
  startMuted: true,
  'onescalation-participant-joined': (event) => event.detail,
  'ondevice-check-result': (event) => event.detail.video,
};
export const card: SvelteHTMLElements['escalation-join-card'] = {
  code: 'ACD-EFH-JKM',
  noDeviceCheck: false,
  'onescalation-room-error': (event) => event.detail.message,
};
export const check: SvelteHTMLElements['device-check'] = { compact: true, 'ondevice-check-result': null };

export const wrong: SvelteHTMLElements['escalation-context'][] = [
  // @ts-expect-error `joinTimeout` is a number of seconds
  { joinTimeout: '180' },
  // @ts-expect-error `state` is reported by the element, not set on it
  { state: 'idle' },
  // @ts-expect-error Svelte would listen for an `EscalationLink` event, which nothing dispatches
  { onEscalationLink: () => undefined },
  // @ts-expect-error the link event carries a url, not a reason
  { 'onescalation-link': (event) => event.detail.reason },
  // @ts-expect-error <escalation-context> dispatches no room events
  { 'onescalation-room-joined': (event: EscalationLinkEvent) => event },
];
