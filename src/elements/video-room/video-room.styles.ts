import { css, unsafeCSS } from 'lit';
import { visuallyHidden } from '../shared-styles.js';

function selfBelow(when: string) {
  return css`
    ${unsafeCSS(when)} {
      .call {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr) auto;
      }
      .self {
        justify-self: end;
        width: clamp(88px, 30cqi, 160px);
      }
    }
  `;
}

export const videoRoomStyles = css`
  :host {
    --_video-room-background: var(--video-room-background, #111827);
    --_video-room-foreground: var(--video-room-foreground, #f9fafb);
    --_video-room-tile-background: var(--video-room-tile-background, #1f2937);
    --_video-room-accent: var(--video-room-accent, #2563eb);
    --_video-room-danger: var(--video-room-danger, #dc2626);
    --_video-room-radius: var(--video-room-radius, 10px);
    --_video-room-gap: var(--video-room-gap, 6px);
    --_video-room-min-height: var(--video-room-min-height, 240px);
    /* contain: the others' pictures whole (what the customer points at stays in view); cover fills the tiles. */
    --_video-room-fit: var(--video-room-fit, contain);
    --_video-room-font: var(--video-room-font, inherit);
    display: block;
    container-type: inline-size;
    font: var(--_video-room-font);
  }
  :host([hidden]) {
    display: none;
  }
  /* A column: the call (or the message in its place) takes what the lines around it leave. */
  .room {
    position: relative;
    display: flex;
    flex-direction: column;
    min-height: var(--_video-room-min-height);
    height: 100%;
    background: var(--_video-room-background);
    color: var(--_video-room-foreground);
    border-radius: var(--_video-room-radius);
    overflow: hidden;
  }
  /* Before and after a call there is only a line to read (and a guest's rating): no large empty box. */
  :host([state='idle']) .room,
  :host([state='left']) .room {
    min-height: 0;
    height: auto;
  }
  /* The others' pictures, and the self-view in a column of its own beside them (below, when narrow). */
  .call {
    flex: 1 1 auto;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-rows: minmax(0, 1fr);
    min-height: 0;
  }
  /* Tracks never grow to fit content (a very long name): a tile's width is the room's share. */
  .stage {
    position: relative;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr);
    gap: var(--_video-room-gap);
    padding: var(--_video-room-gap);
    min-height: 0;
  }
  .stage.sharing {
    grid-template-rows: minmax(0, 1fr) auto;
  }
  /* Rows never grow to a picture's own height either: a picture is fitted into its tile. */
  .tiles {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-auto-rows: minmax(0, 1fr);
    gap: var(--_video-room-gap);
    min-height: 0;
  }
  .tiles.count-2 {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .tiles.count-3,
  .tiles.count-4 {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .sharing .tiles {
    grid-template-columns: repeat(4, minmax(0, 1fr));
    grid-template-rows: none;
    height: 22%;
    min-height: 60px;
  }
  .tile,
  .screen {
    position: relative;
    margin: 0;
    min-height: 0;
    background: var(--_video-room-tile-background);
    border-radius: calc(var(--_video-room-radius) - 4px);
    overflow: hidden;
    display: grid;
    grid-template: minmax(0, 1fr) / minmax(0, 1fr);
    place-items: center;
  }
  video {
    width: 100%;
    height: 100%;
    object-fit: var(--_video-room-fit);
    display: block;
  }
  .screen video {
    object-fit: contain;
  }
  .tile-note {
    position: absolute;
    inset-block-start: 6px;
    inset-inline: 6px;
    text-align: center;
    font-size: 0.8rem;
    padding: 2px 6px;
    border-radius: 6px;
    background: rgb(0 0 0 / 0.6);
  }
  .initials {
    font-size: 1.6rem;
    font-weight: 600;
    width: 3.2rem;
    height: 3.2rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: #374151;
  }
  .caption {
    position: absolute;
    /* The name's corner is where a line starts: bottom right in a right-to-left language. */
    inset-inline-start: 6px;
    inset-block-end: 6px;
    display: flex;
    gap: 4px;
    align-items: center;
    padding: 2px 8px;
    border-radius: 999px;
    background: rgb(0 0 0 / 0.6);
    font-size: 0.8rem;
    box-sizing: border-box;
    max-width: calc(100% - 12px);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* A long name is cut with an ellipsis; the whole of it is the caption's title. */
  .caption > .name {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .self {
    position: relative;
    align-self: end;
    box-sizing: border-box;
    width: clamp(88px, 22cqi, 200px);
    margin: 0 var(--_video-room-gap) var(--_video-room-gap) 0;
    aspect-ratio: 4 / 3;
    border: 2px solid rgb(255 255 255 / 0.6);
    border-radius: calc(var(--_video-room-radius) - 4px);
    overflow: hidden;
    background: var(--_video-room-tile-background);
    display: grid;
    place-items: center;
  }
  /* One's own picture may fill its small tile. */
  .self video {
    object-fit: cover;
    transform: scaleX(-1);
  }
  .message {
    flex: 1 1 auto;
    display: grid;
    place-items: center;
    text-align: center;
    padding: 1rem;
    gap: 0.75rem;
  }
  .checking {
    align-self: stretch;
    overflow: auto;
  }
  /* By part, not by tag: the page may have named the device check anything. */
  .checking [part='device-check'] {
    --device-check-background: #fff;
    /* Light on its white card, whatever the page's scheme. */
    color-scheme: light;
    justify-self: stretch;
    text-align: start;
    padding: 12px;
    border-radius: 8px;
    max-inline-size: 32rem;
    margin-inline: auto;
  }
  .notice {
    margin: 0;
    padding: 6px 10px;
    font-size: 0.85rem;
    background: #92400e;
  }
  .camera-ask {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    padding: 8px 10px;
    background: var(--_video-room-tile-background);
  }
  .camera-ask p {
    margin: 0;
    flex-basis: 100%;
  }
  .arrivals[hidden],
  .camera-notice[hidden] {
    display: none;
  }
  .recording-on {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0;
    padding: 4px 10px;
    font-size: 0.85rem;
    font-weight: 600;
  }
  .recording-on .dot {
    inline-size: 0.7em;
    block-size: 0.7em;
    border-radius: 50%;
    background: #ef4444;
  }
  .phone-audio {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    padding: 6px 10px;
    font-size: 0.85rem;
    background: var(--_video-room-tile-background);
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    background: rgb(0 0 0 / 0.55);
    font-weight: 600;
  }
  .controls {
    display: flex;
    gap: 8px;
    justify-content: center;
    align-items: center;
    flex-wrap: wrap;
    padding: 8px;
    background: rgb(0 0 0 / 0.35);
  }
  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 44px;
    min-width: 44px;
    padding: 0 12px;
    border: 0;
    border-radius: 999px;
    background: #374151;
    color: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    background: #f9fafb;
    color: #111827;
  }
  button.hang-up {
    background: var(--_video-room-danger);
    color: #fff;
  }
  button.primary {
    background: var(--_video-room-accent);
    color: #fff;
  }
  button.secondary {
    background: transparent;
    color: inherit;
    border: 1px solid currentColor;
  }
  button:focus-visible {
    outline: 3px solid #93c5fd;
    outline-offset: 2px;
  }
  .quality {
    display: inline-flex;
    align-items: flex-end;
    gap: 2px;
    height: 16px;
    margin-inline-start: 4px;
  }
  .quality span {
    width: 4px;
    background: #6b7280;
    border-radius: 1px;
  }
  .quality span:nth-child(1) { height: 6px; }
  .quality span:nth-child(2) { height: 11px; }
  .quality span:nth-child(3) { height: 16px; }
  .quality.good span,
  .quality.fair span:nth-child(-n + 2),
  .quality.poor span:nth-child(1) {
    background: #34d399;
  }
  .quality.poor span:nth-child(1) {
    background: #f87171;
  }
  .label {
    white-space: nowrap;
  }
  .visually-hidden-text {
    ${visuallyHidden}
  }
  @container (max-width: 480px) {
    .label {
      ${visuallyHidden}
    }
    .tiles.count-2 {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  /* Narrow, or a screen held upright (a tablet, a phone): the self-view goes below the others, not beside. */
  ${selfBelow('@container (max-width: 480px)')}
  ${selfBelow('@media (orientation: portrait)')}
`;
