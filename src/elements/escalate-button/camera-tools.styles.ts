import { css } from 'lit';

/** The camera tools' looks, adopted by the button once the tools load (CSP-safe: no <style> element). */
export const cameraToolsStyles = css`
  .camera-tools,
  .still .marks {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    flex-basis: 100%;
  }
  .camera-status,
  .still-status,
  .pool-status,
  .recording {
    margin: 0;
    flex-basis: 100%;
    font-size: 0.9em;
  }
  .camera-status:empty,
  .still-status:empty,
  .pool-status:empty,
  .recording:empty {
    display: none;
  }
  .still {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    flex-basis: 100%;
    padding: 8px;
    border: 1px solid var(--_border-soft);
    border-radius: var(--_escalate-button-radius);
  }
  .still h3 {
    margin: 0;
    font-size: 1em;
  }
  .still .taken,
  .still .help {
    margin: 0;
    flex-basis: 100%;
    font-size: 0.85em;
    color: var(--_text-muted);
  }
  .still canvas {
    flex-basis: 100%;
    max-width: 100%;
    height: auto;
    touch-action: none;
    cursor: crosshair;
    border-radius: 4px;
  }
  .still canvas:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .still .note {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex-basis: 100%;
    font-size: 0.85em;
  }
  .still textarea {
    font: inherit;
    padding: 4px 8px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  .recording.on::before {
    content: '';
    display: inline-block;
    inline-size: 0.7em;
    block-size: 0.7em;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: var(--_danger);
  }
  button[aria-pressed='true'] {
    border-width: 2px;
    border-color: var(--_escalate-button-accent);
    font-weight: 600;
  }
`;
