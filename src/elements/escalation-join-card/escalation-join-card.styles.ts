import { css } from 'lit';

export const joinCardStyles = css`
  :host {
    --join-card-background: #ffffff;
    --join-card-border: #d1d5db;
    --join-card-accent: #1d4ed8;
    --join-card-radius: 12px;
    display: block;
    max-width: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  .card {
    display: grid;
    gap: 8px;
    padding: 12px;
    border: 1px solid var(--join-card-border);
    border-radius: var(--join-card-radius);
    background: var(--join-card-background);
    color: #111827;
  }
  p {
    margin: 0;
  }
  .hint {
    font-size: 0.85em;
    color: #4b5563;
  }
  button {
    font: inherit;
    min-height: 44px;
    border-radius: 8px;
    border: 0;
    background: var(--join-card-accent);
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #111827;
    border: 1px solid #6b7280;
  }
  button:focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 2px;
  }
  /* By part, not by tag: the page may have named the room anything. */
  [part='room'] {
    height: var(--join-card-room-height, 420px);
  }
  /* A page of its own: before the call a readable card, in the call the room takes the whole box. */
  :host([fill]) {
    height: 100%;
  }
  :host([fill]) .card:not(.in-room) {
    max-width: 32rem;
    margin-inline: auto;
  }
  :host([fill]) .card.in-room {
    box-sizing: border-box;
    height: 100%;
    grid-template-rows: minmax(0, 1fr);
    grid-auto-rows: auto;
    padding: 0;
    border: 0;
    background: transparent;
  }
  :host([fill]) [part='room'] {
    height: auto;
    min-height: 0;
  }
  .code-entry {
    display: grid;
    gap: 10px;
  }
  .code-entry fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 6px;
  }
  .code-entry legend {
    padding: 0;
    margin-bottom: 6px;
    font-weight: 600;
  }
  .code-groups {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .code-group {
    font: inherit;
    font-size: 1.25rem;
    letter-spacing: 0.15em;
    text-transform: uppercase;
    width: 4.2em;
    min-height: 44px;
    padding: 0 8px;
    border: 1px solid #6b7280;
    border-radius: 8px;
  }
  .code-group:focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 1px;
  }
  .code-group[aria-invalid='true'] {
    border-color: #b91c1c;
  }
  .problem {
    color: #b91c1c;
  }
`;
