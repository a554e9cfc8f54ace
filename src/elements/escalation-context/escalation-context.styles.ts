import { css } from 'lit';
import { visuallyHidden } from '../shared-styles.js';

export const escalationContextStyles = css`
  :host {
    display: var(--escalation-context-display, block);
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    ${visuallyHidden}
  }
`;
