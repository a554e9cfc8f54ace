// `device-check-result`: <device-check> has finished (or a device changed and the result with it).
import type { DeviceCheckResult } from '../core/diagnostics/result.js';
import { EscalationDomEvent } from './escalation-event-base.js';

/** Fired by `<device-check>` with whether video, audio and the network are usable, and why not. */
export class DeviceCheckResultEvent extends EscalationDomEvent<DeviceCheckResult> {
  static readonly eventName = 'device-check-result';

  constructor(detail: DeviceCheckResult) {
    super(DeviceCheckResultEvent.eventName, { ...detail, reasons: [...detail.reasons] });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'device-check-result': DeviceCheckResultEvent;
  }
}
