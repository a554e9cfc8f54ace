import { css } from 'lit';
import { visuallyHidden } from '../shared-styles.js';

export const deviceCheckStyles = css`
  :host {
    --device-check-ok: #047857;
    --device-check-warn: #b45309;
    --device-check-fail: #b91c1c;
    --device-check-accent: #1d4ed8;
    --device-check-foreground: #111827;
    --device-check-background: transparent;
    display: block;
    color: var(--device-check-foreground);
    background: var(--device-check-background);
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
    border-inline-start: 4px solid #9ca3af;
    padding-inline-start: 8px;
  }
  li[data-state='ok'] {
    border-color: var(--device-check-ok);
  }
  li[data-state='warn'] {
    border-color: var(--device-check-warn);
  }
  li[data-state='fail'] {
    border-color: var(--device-check-fail);
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
    background: #e5e7eb;
    border-radius: 4px;
    overflow: hidden;
  }
  .meter > span {
    display: block;
    block-size: 100%;
    background: var(--device-check-accent);
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
    border: 1px solid var(--device-check-accent);
    background: #fff;
    color: var(--device-check-accent);
    cursor: pointer;
    justify-self: start;
    padding: 0 12px;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 2px;
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
`;
