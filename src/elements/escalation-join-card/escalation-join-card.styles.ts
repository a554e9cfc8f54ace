import { css } from 'lit';
import { themeStyles } from '../theme.styles.js';

export const joinCardStyles = [
  themeStyles,
  css`
  :host {
    --_join-card-background: var(--join-card-background, var(--_surface));
    --_join-card-border: var(--join-card-border, var(--_border-soft));
    --_join-card-accent: var(--join-card-accent, var(--_accent));
    --_join-card-radius: var(--join-card-radius, 12px);
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
    border: 1px solid var(--_join-card-border);
    border-radius: var(--_join-card-radius);
    background: var(--_join-card-background);
    color: var(--_text);
  }
  p {
    margin: 0;
  }
  .hint {
    font-size: 0.85em;
    color: var(--_text-muted);
  }
  button {
    font: inherit;
    min-height: 44px;
    border-radius: 8px;
    /* Transparent, not none: a contrast theme (forced colours) draws it, so the button stays a button. */
    border: 1px solid transparent;
    background: var(--_join-card-accent);
    color: var(--_on-strong);
    cursor: pointer;
  }
  button.secondary {
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
  }
  button:focus-visible {
    outline: 3px solid var(--_focus);
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
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    color: var(--_text);
  }
  .code-group:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 1px;
  }
  .code-group[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .problem {
    color: var(--_problem);
  }
`,
];
