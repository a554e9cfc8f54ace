import { css } from 'lit';

export const expertCaseStyles = css`
  /* An expert's card: who invited them, for which case, and the case as shared (masked). */
  .expert-case {
    padding: 6px 10px;
    font-size: 0.85rem;
    background: var(--video-room-tile-background);
    max-height: 40%;
    overflow: auto;
  }
  .expert-case summary {
    cursor: pointer;
    font-weight: 600;
  }
  .expert-case dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 2px 10px;
    margin: 6px 0 0;
  }
  .expert-case dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
