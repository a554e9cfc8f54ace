// Icons for the call controls: simple strokes, hidden from assistive technology (buttons carry text).
import { svg, type SVGTemplateResult } from 'lit';

const frame = (paths: SVGTemplateResult) =>
  svg`<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

const slash = svg`<path d="M3 3l18 18" />`;

export const icons = {
  mic: (off: boolean) =>
    frame(svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M12 18v3" />${off ? slash : ''}`),
  camera: (off: boolean) =>
    frame(svg`<rect x="3" y="7" width="12" height="10" rx="2" /><path d="M15 11l6-3v8l-6-3" />${off ? slash : ''}`),
  screen: (on: boolean) =>
    frame(
      svg`<rect x="3" y="4" width="18" height="12" rx="2" /><path d="M8 20h8M12 16v4" />${on ? svg`<path d="M9 10l3-3 3 3M12 7v6" />` : ''}`,
    ),
  switchCamera: () => frame(svg`<path d="M4 9a8 8 0 0 1 14-3l2 2M20 15a8 8 0 0 1-14 3l-2-2M20 4v4h-4M4 20v-4h4" />`),
  hangUp: () => frame(svg`<path d="M3 14c5-5 13-5 18 0l-2 3-4-2v-3a11 11 0 0 0-6 0v3l-4 2z" />`),
  mutedSmall: () =>
    svg`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5 11a7 7 0 0 0 14 0M3 3l18 18" /></svg>`,
};
