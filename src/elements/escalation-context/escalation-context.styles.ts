import { css } from 'lit';
import { visuallyHidden } from '../shared-styles.js';

export const escalationContextStyles = css`
  :host {
    display: var(--escalation-context-display, block);
  }
  :host([hidden]) {
    display: none;
  }
  .case {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 2px 10px;
    margin: 0 0 8px;
    padding: 8px 10px;
    border-radius: 8px;
    background: var(--escalation-context-case-background, #f3f4f6);
    color: #111827;
    font-size: 0.9em;
  }
  .case dt {
    color: #4b5563;
  }
  .case dd {
    margin: 0;
    /* Long text (a pasted note, a huge name) wraps inside the panel instead of widening the page. */
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
`;
