import { css } from 'lit';
import { themeStyles } from '../theme.styles.js';
import { visuallyHidden } from '../shared-styles.js';

export const escalationContextStyles = [
  themeStyles,
  css`
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
    background: var(--escalation-context-case-background, var(--_surface-muted));
    color: var(--_text);
    font-size: 0.9em;
  }
  .case dt {
    color: var(--_text-muted);
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
`,
];
