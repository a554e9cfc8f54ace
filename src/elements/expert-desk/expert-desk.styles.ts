import { css } from 'lit';

export const expertDeskStyles = css`
  :host {
    display: block;
    color: var(--_text);
    font: var(--expert-desk-font, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .skills {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.9em;
  }
  input {
    font: inherit;
    min-height: 32px;
    padding: 0 8px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  .hint,
  .status,
  .gone {
    margin: 0;
    flex-basis: 100%;
    font-size: 0.9em;
  }
  .hint {
    color: var(--_text-muted);
  }
  .offer,
  .call {
    flex-basis: 100%;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    padding: 10px;
    border: 2px solid var(--_accent);
    border-radius: 8px;
  }
  .offer h3 {
    margin: 0;
    flex-basis: 100%;
    font-size: 1.05em;
  }
  .offer dl {
    margin: 0;
    flex-basis: 100%;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 8px;
  }
  .offer dd {
    margin: 0;
  }
  .rings {
    margin: 0;
    flex-basis: 100%;
    font-variant-numeric: tabular-nums;
  }
  .call [part='room'] {
    flex-basis: 100%;
    min-height: 280px;
  }
  button {
    font: inherit;
    min-height: 36px;
    padding: 0 14px;
    border-radius: 8px;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-strong);
  }
  button[aria-pressed='true'] {
    background: var(--_ok);
    border-color: var(--_ok);
    color: var(--_on-strong);
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
