// The guest's after-call questions in <video-room>: the 1–5 rating with its comment.
import { css } from 'lit';

export const ratingStyles = css`
  .rating {
    display: grid;
    gap: 8px;
    justify-items: center;
  }
  .rating fieldset {
    border: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 6px;
    padding: 0;
    margin: 0;
  }
  .rating legend {
    margin-bottom: 6px;
  }
  .score {
    display: grid;
    place-items: center;
    min-width: 44px;
    min-height: 44px;
    border-radius: 8px;
    background: #374151;
    cursor: pointer;
  }
  .score:has(input:checked) {
    background: #f9fafb;
    color: #111827;
  }
  .score input {
    position: absolute;
    opacity: 0;
  }
  .score:has(input:focus-visible) {
    outline: 3px solid #93c5fd;
  }
  .comment {
    display: grid;
    gap: 4px;
    font-size: 0.9rem;
  }
  .comment textarea {
    font: inherit;
    min-width: 240px;
  }
  .rating .hint,
  .rating .masked {
    margin: 0;
    font-size: 0.8rem;
    max-width: 36rem;
  }
  /* Which end of the scale is good, on screen (each square also says it to a screen reader). */
  .scale-ends {
    flex-basis: 100%;
    display: flex;
    justify-content: space-between;
    margin: 4px 0 0;
    font-size: 0.8rem;
    opacity: 0.85;
  }
`;
