// Type-level test of escalate-video/angular (checked by `tsc -p tsconfig.test.json`, never run).
// Angular is not installed here: under `strictDomEventTypes` its template checker writes an event
// binding `(escalation-link)="onLink($event)"` as
// `document.createElement('escalation-context').addEventListener('escalation-link', ($event) => …)`,
// so this file writes the same code and checks what `$event` is.
import type { AngularInputs } from '../../src/frameworks/angular.js';
import type { EscalationLinkEvent, EscalationRoomJoinedEvent } from '../../src/index.js';

export class DeskComponent {
  serviceUrl: AngularInputs<'escalation-context'>['serviceUrl'] = 'https://escalations.example.com';
  getToken: AngularInputs<'escalation-context'>['getToken'] = async () => 'eyJ…';
  links: string[] = [];

  onLink(event: EscalationLinkEvent): void {
    this.links.push(event.detail.url);
  }

  onJoined(event: EscalationRoomJoinedEvent): string {
    return event.detail.room;
  }
}

export function templateOfDesk(component: DeskComponent): void {
  const context = document.createElement('escalation-context');
  context.serviceUrl = component.serviceUrl ?? '';
  context.getToken = component.getToken;
  context.addEventListener('escalation-link', ($event) => component.onLink($event));
  const room = document.createElement('video-room');
  room.addEventListener('escalation-room-joined', ($event) => component.onJoined($event));
  const card = document.createElement('escalation-join-card');
  card.addEventListener('escalation-room-joined', ($event) => component.onJoined($event));

  // @ts-expect-error `escalation-fallback` hands over an EscalationFallbackEvent, not a link
  context.addEventListener('escalation-fallback', ($event) => component.onLink($event));
  // @ts-expect-error `joinTimeout` is a number of seconds
  const timeout: AngularInputs<'escalation-context'>['joinTimeout'] = '180';
  void timeout;
}
