// The <device-check> a guest's room shows before joining, as something the room can wait on: each
// result the check reports (the first, and each "Check again") comes with the tracks it opened.
import type { DeviceCheckResult } from '../../core/diagnostics/result.js';
import type { LocalMedia } from '../../core/devices/local-media.js';
import type { DeviceCheckElement } from '../device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../events/device-check-result.js';

export interface CheckOutcome {
  result: DeviceCheckResult;
  /** Taken over from the check: the caller stops them or uses them. */
  media: LocalMedia;
}

export class DeviceCheckGate {
  private waiting: ((outcome: CheckOutcome | null) => void) | undefined;

  /** The next result of the check the room shows (defining `<device-check>` when needed); null when cancelled. */
  async next(): Promise<CheckOutcome | null> {
    const outcome = new Promise<CheckOutcome | null>((resolve) => (this.waiting = resolve));
    if (!customElements.get('device-check')) await import('../../define/device-check.js');
    return outcome;
  }

  /** The room left while waiting: the check it showed is gone and will not answer. */
  cancel(): void {
    this.waiting?.(null);
    this.waiting = undefined;
  }

  /** For the shown check's `device-check-result`; results nobody waits for are the check's own business. */
  readonly onResult = (event: DeviceCheckResultEvent): void => {
    const resolve = this.waiting;
    if (!resolve) return;
    this.waiting = undefined;
    resolve({ result: event.detail, media: (event.currentTarget as DeviceCheckElement).takeMedia() });
  };
}
