import { css } from 'lit';
import { themeStyles } from '../theme.styles.js';

export const escalateButtonStyles = [
  themeStyles,
  css`
  :host {
    --_escalate-button-accent: var(--escalate-button-accent, var(--_accent));
    --_escalate-button-danger: var(--escalate-button-danger, var(--_danger));
    --_escalate-button-radius: var(--escalate-button-radius, 8px);
    --_escalate-button-font: var(--escalate-button-font, inherit);
    display: inline-block;
    font: var(--_escalate-button-font);
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
  .status {
    margin: 0;
  }
  .countdown {
    margin: 0;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .reason,
  .end-effect {
    margin: 0;
    font-size: 0.85em;
    color: var(--_text-muted);
    flex-basis: 100%;
  }
  .expert-status {
    margin: 0;
    flex-basis: 100%;
  }
  .expert-status:empty {
    display: none;
  }
  .expert-form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 8px;
    flex-basis: 100%;
  }
  .expert-form label {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    gap: 2px;
  }
  .expert-form label.share {
    flex-direction: row;
    align-items: center;
    gap: 6px;
    flex-basis: 100%;
  }
  .expert-form input[type='checkbox'] {
    min-height: 0;
    width: 18px;
    height: 18px;
  }
  .expert-form input {
    font: inherit;
    min-height: 32px;
    padding: 0 8px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  .problem {
    margin: 0;
    flex-basis: 100%;
    color: var(--_problem);
    font-size: 0.85em;
  }
  button {
    font: inherit;
    min-height: 36px;
    padding: 0 14px;
    border-radius: var(--_escalate-button-radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_escalate-button-accent);
    border-color: var(--_escalate-button-accent);
    color: var(--_on-strong);
  }
  button.danger {
    background: var(--_escalate-button-danger);
    border-color: var(--_escalate-button-danger);
    color: var(--_on-strong);
  }
  button:disabled {
    cursor: not-allowed;
    background: var(--_disabled-surface);
    border-color: var(--_border-soft);
    color: var(--_disabled-text);
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`,
];
