// Side effect: defines <device-check>.
import { DeviceCheckElement } from '../elements/device-check/device-check.js';

DeviceCheckElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'device-check': DeviceCheckElement;
  }
}
