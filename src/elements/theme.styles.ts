import { css } from 'lit';

/**
 * The colours the elements draw with, as private tokens (`--_…`) on each host. A page themes them
 * from outside: each token reads a public custom property (`--escalate-…`, or the element's own,
 * e.g. `--escalate-button-accent`), which inherits, so setting it on `body` or any ancestor
 * reaches every element; without one, the default in the element applies, light or dark by the
 * element's colour scheme (`light-dark()`). The scheme is the page's `color-scheme` (`light dark`
 * follows the system's preference), or the element's `theme` attribute: `light`, `dark`, or
 * `auto` (the system's preference, whatever the page says). Forced colours (Windows contrast
 * themes) keep what carries meaning visible; under `prefers-reduced-motion` nothing moves.
 *
 * Every element lists these in custom-elements.json (scripts/manifest-plugins.mjs reads them here):
 * @attr theme - `light`, `dark` or `auto` (the system's preference); without it, the page's `color-scheme`.
 * @cssprop --escalate-accent - Colour of main actions, shared by every element.
 * @cssprop --escalate-danger - Colour of ending actions.
 * @cssprop --escalate-surface - Background of cards, panels and buttons.
 * @cssprop --escalate-surface-muted - Background of quieter areas (a case panel, a notice).
 * @cssprop --escalate-text - Text colour.
 * @cssprop --escalate-text-muted - Colour of secondary text.
 * @cssprop --escalate-border - Colour of the edges of controls.
 * @cssprop --escalate-border-soft - Colour of dividers and card edges.
 * @cssprop --escalate-ok - Colour of what works (a passed check).
 * @cssprop --escalate-warn - Colour of a warning.
 * @cssprop --escalate-problem - Colour of a problem (a failed check, an error).
 * @cssprop --escalate-focus - Colour of the focus ring.
 */
export const themeStyles = css`
  :host {
    --_surface: var(--escalate-surface, light-dark(#ffffff, #111827));
    --_surface-muted: var(--escalate-surface-muted, light-dark(#f3f4f6, #1f2937));
    --_text: var(--escalate-text, light-dark(#111827, #f9fafb));
    --_text-muted: var(--escalate-text-muted, light-dark(#4b5563, #d1d5db));
    --_border: var(--escalate-border, light-dark(#6b7280, #9ca3af));
    --_border-soft: var(--escalate-border-soft, light-dark(#d1d5db, #4b5563));
    --_accent: var(--escalate-accent, #1d4ed8);
    --_danger: var(--escalate-danger, light-dark(#b91c1c, #dc2626));
    --_on-strong: #ffffff;
    --_ok: var(--escalate-ok, light-dark(#047857, #34d399));
    --_warn: var(--escalate-warn, light-dark(#b45309, #fbbf24));
    --_problem: var(--escalate-problem, light-dark(#b91c1c, #fca5a5));
    --_disabled-surface: light-dark(#e5e7eb, #374151);
    --_disabled-text: light-dark(#4b5563, #d1d5db);
    --_focus: var(--escalate-focus, #93c5fd);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  @media (forced-colors: active) {
    button,
    select,
    input {
      border: 1px solid ButtonText;
    }
    button:disabled {
      border-color: GrayText;
      color: GrayText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0s !important;
      scroll-behavior: auto !important;
    }
  }
`;
