import { css } from 'lit';
import { themeStyles } from '../theme.styles.js';
import { visuallyHidden } from '../shared-styles.js';

export const deviceCheckStyles = [
  themeStyles,
  css`
  :host {
    --_device-check-ok: var(--device-check-ok, var(--_ok));
    --_device-check-warn: var(--device-check-warn, var(--_warn));
    --_device-check-fail: var(--device-check-fail, var(--_problem));
    --_device-check-accent: var(--device-check-accent, var(--_accent));
    --_device-check-foreground: var(--device-check-foreground, var(--_text));
    --_device-check-background: var(--device-check-background, transparent);
    display: block;
    color: var(--_device-check-foreground);
    background: var(--_device-check-background);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: grid;
    gap: 8px;
  }
  .preview {
    inline-size: 100%;
    max-block-size: 240px;
    background: #111827;
    border-radius: 8px;
    transform: scaleX(-1);
    object-fit: cover;
  }
  .checks {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 8px;
    align-items: center;
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: 8px;
  }
  li[data-state='ok'] {
    border-color: var(--_device-check-ok);
  }
  li[data-state='warn'] {
    border-color: var(--_device-check-warn);
  }
  li[data-state='fail'] {
    border-color: var(--_device-check-fail);
  }
  .name {
    font-weight: 600;
    min-inline-size: 7em;
  }
  :host([compact]) .detail {
    font-size: 0.85em;
  }
  /* Compact: each check on one line, its name in a column of its own, longer words wrapping beside it. */
  :host([compact]) li {
    flex-wrap: nowrap;
  }
  :host([compact]) .name {
    min-inline-size: 6.5em;
  }
  :host([compact]) .detail {
    flex: 1 1 0;
    min-inline-size: 0;
  }
  :host([compact]) .devices label {
    flex-direction: row;
    align-items: center;
    gap: 6px;
  }
  :host([compact]) select {
    max-inline-size: 14em;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
  .meter {
    display: inline-block;
    inline-size: 120px;
    block-size: 8px;
    background: var(--_disabled-surface);
    border-radius: 4px;
    overflow: hidden;
  }
  .meter > span {
    display: block;
    block-size: 100%;
    background: var(--_device-check-accent);
  }
  .devices {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .devices label {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
  }
  select,
  button {
    font: inherit;
    min-block-size: 36px;
    border-radius: 6px;
  }
  button {
    border: 1px solid var(--_device-check-accent);
    background: var(--_surface);
    color: var(--_device-check-accent);
    cursor: pointer;
    justify-self: start;
    padding: 0 12px;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  /* A contrast theme paints backgrounds over: the level bar and its track keep system colours. */
  @media (forced-colors: active) {
    .meter {
      border: 1px solid CanvasText;
    }
    .meter > span {
      forced-color-adjust: none;
      background: Highlight;
    }
    li {
      border-inline-start-color: CanvasText;
    }
  }
`,
];
