// `escalation-media-change`: the microphone, camera, screen share or connection changed.
import { EscalationDomEvent } from './escalation-event-base.js';

export type EscalationMediaChangeDetail = {
  microphone: 'on' | 'muted' | 'unavailable';
  camera: 'on' | 'off' | 'unavailable';
  screenShare: boolean;
  connection: 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';
};

/** Fired by `<video-room>` when the microphone, camera, screen share or connection changed. */
export class EscalationMediaChangeEvent extends EscalationDomEvent<EscalationMediaChangeDetail> {
  static readonly eventName = 'escalation-media-change';

  constructor(detail: EscalationMediaChangeDetail) {
    super(EscalationMediaChangeEvent.eventName, detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'escalation-media-change': EscalationMediaChangeEvent;
  }
}
