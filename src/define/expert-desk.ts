// Side effect: defines <expert-desk>.
import { ExpertDeskElement } from '../elements/expert-desk/expert-desk.js';

ExpertDeskElement.define();

declare global {
  interface HTMLElementTagNameMap {
    'expert-desk': ExpertDeskElement;
  }
}
