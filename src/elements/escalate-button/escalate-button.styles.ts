import { css } from 'lit';

export const escalateButtonStyles = css`
  :host {
    --escalate-button-accent: #1d4ed8;
    --escalate-button-danger: #b91c1c;
    --escalate-button-radius: 8px;
    --escalate-button-font: inherit;
    display: inline-block;
    font: var(--escalate-button-font);
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
    color: #4b5563;
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
    border: 1px solid #6b7280;
    border-radius: 6px;
  }
  .problem {
    margin: 0;
    flex-basis: 100%;
    color: var(--escalate-button-danger);
    font-size: 0.85em;
  }
  button {
    font: inherit;
    min-height: 36px;
    padding: 0 14px;
    border-radius: var(--escalate-button-radius);
    border: 1px solid #6b7280;
    background: #fff;
    color: #111827;
    cursor: pointer;
  }
  button.primary {
    background: var(--escalate-button-accent);
    border-color: var(--escalate-button-accent);
    color: #fff;
  }
  button.danger {
    background: var(--escalate-button-danger);
    border-color: var(--escalate-button-danger);
    color: #fff;
  }
  button:disabled {
    cursor: not-allowed;
    background: #e5e7eb;
    border-color: #d1d5db;
    color: #4b5563;
  }
  button:focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 2px;
  }
`;
