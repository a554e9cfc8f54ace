// The camera, microphone and speaker a person picked, kept per origin so every element (and the
// next visit) uses them. A device that is gone falls back to the browser's default.

export interface ChosenDevices {
  camera?: string;
  microphone?: string;
  speaker?: string;
}

const KEY = 'escalate-video:devices';

export function loadChosenDevices(storage: Storage = localStorage): ChosenDevices {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const chosen: ChosenDevices = {};
    for (const kind of ['camera', 'microphone', 'speaker'] as const) {
      const id = (parsed as Record<string, unknown>)[kind];
      if (typeof id === 'string' && id) chosen[kind] = id;
    }
    return chosen;
  } catch {
    // Storage off (private mode) or unreadable: defaults it is.
    return {};
  }
}

export function saveChosenDevices(chosen: ChosenDevices, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify({ ...loadChosenDevices(storage), ...chosen }));
  } catch {
    // Not kept, but still used for this page.
  }
}

/** The chosen camera and microphone as an `acquireLocalMedia` request asks for them. */
export function chosenDeviceIds(chosen: ChosenDevices = loadChosenDevices()): { cameraId?: string; microphoneId?: string } {
  return {
    ...(chosen.camera ? { cameraId: chosen.camera } : {}),
    ...(chosen.microphone ? { microphoneId: chosen.microphone } : {}),
  };
}
