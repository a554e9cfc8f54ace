// What each row of <device-check> says, and the verdict under the rows, in the person's words:
// functions of what the check found, so the element only lays them out.
import { browserFamily } from '../../core/devices/browser-support.js';
import type { DeviceStatus } from '../../core/devices/local-media.js';
import type { DeviceCheckResult } from '../../core/diagnostics/result.js';
import type { DeviceCheckStrings } from '../../i18n/device-check-strings.js';
import { fill } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { CheckId, CheckState, Findings, NetworkUntested } from './device-check-state.js';

/** The words of one check's row, in the state it is in. */
export function explainCheck(
  id: CheckId,
  state: CheckState,
  findings: Findings,
  t: DeviceCheckStrings,
  language: Language,
): string {
  if (state === 'pending') return t.pending;
  if (state === 'running') return t.running;
  const { problems, camera, microphone, network } = findings;
  switch (id) {
    case 'browser':
      return problems.length ? problems.map((problem) => t.problems[problem]).join(' ') : t.browserOk;
    case 'permission':
      return state === 'ok' ? t.permissionOk : `${t.permissionDenied} ${t.recovery[browserFamily(navigator.userAgent)]}`;
    case 'camera':
      return camera === 'ok' ? t.cameraOk : camera === 'busy' ? t.cameraBusy : blocked(camera) ? t.deviceBlocked : t.noCamera;
    case 'microphone':
      return microphone === 'ok'
        ? t.microphoneOk
        : microphone === 'busy'
          ? t.microphoneBusy
          : blocked(microphone)
            ? t.deviceBlocked
            : t.noMicrophone;
    case 'speaker':
      return state === 'ok' ? t.speakerOk : t.speakerUnsupported;
    case 'network': {
      if (!network) return findings.untested ? untestedWords(t)[findings.untested] : t.networkUntested;
      const { rttMs, lossPercent, bitrateKbps } = network.measurement;
      const figures = fill(t.networkFigures, language, {
        rtt: { value: Math.round(rttMs ?? 0), format: { style: 'unit', unit: 'millisecond' } },
        loss: { value: (lossPercent ?? 0) / 100, format: { style: 'percent', maximumFractionDigits: 1 } },
        kbps: { value: Math.round(bitrateKbps ?? 0), format: { style: 'unit', unit: 'kilobit-per-second' } },
      });
      return `${t.network[network.rating]} (${figures})`;
    }
  }
}

/** The verdict of a finished check: not ready, sound only, or ready. */
export function verdict(result: DeviceCheckResult, t: DeviceCheckStrings): string {
  if (!result.video && !result.audio) return t.notReady;
  return result.recommendAudioOnly ? t.recommendAudioOnly : t.ready;
}

/** Why the network step measured nothing, in the person's words. */
function untestedWords(t: DeviceCheckStrings): Record<NetworkUntested, string> {
  return {
    'no-echotest': t.networkNoEchoTest,
    refused: t.networkRefused,
    unreachable: t.networkUnreachable,
    'no-network-test': t.networkNoTest,
    'test-failed': t.networkTestFailed,
  };
}

/** Not allowed (by the person, the browser or the page), as opposed to absent. */
function blocked(status: DeviceStatus | null): boolean {
  return status === 'denied' || status === 'unsupported';
}
