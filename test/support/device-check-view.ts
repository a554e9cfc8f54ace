// What a person sees of a <device-check>, read the way the tests need it: one check's line by
// its name, every line's state, a device picker by its label.
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';

const lines = (el: DeviceCheckElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=check]')];

/** The line of the check named `name` ("Camera", "Connection", ...). */
export function checkLine(el: DeviceCheckElement, name: string): HTMLElement {
  const line = lines(el).find((candidate) => candidate.querySelector('.name')!.textContent === name);
  if (!line) throw new Error(`no check named "${name}"`);
  return line;
}

/** Each check's name with its state (pending, running, ok, warn, fail). */
export function checkStates(el: DeviceCheckElement): Record<string, string | undefined> {
  return Object.fromEntries(lines(el).map((line) => [line.querySelector('.name')!.textContent, line.dataset.state]));
}

/** The device picker labelled `label` ("Camera", "Microphone", "Speaker"). */
export function devicePicker(el: DeviceCheckElement, label: string): HTMLSelectElement {
  return [...el.shadowRoot!.querySelectorAll('label')]
    .find((candidate) => candidate.textContent!.includes(label))!
    .querySelector('select')!;
}
