// An expert's card in the room: who invited them and for which case, and the case itself as the
// agent shared it (already masked by the service). A customer never gets any of it.
import { html, nothing } from 'lit';
import type { SharedCase } from '../../protocol/index.js';
import type { CasePanelStrings, RoomStrings } from '../../i18n/strings.js';

/** What an expert's redeem brought: the agent's name, and the case when the agent shared it. */
export interface ExpertInvitationView {
  invitedBy?: string | undefined;
  sharedCase?: SharedCase | undefined;
}

function invitedLine(view: ExpertInvitationView, t: RoomStrings): string {
  const caseNumber = view.sharedCase?.caseNumber;
  if (view.invitedBy && caseNumber) return t.invitedForCase.replace('{agent}', view.invitedBy).replace('{case}', caseNumber);
  if (view.invitedBy) return t.invitedBy.replace('{agent}', view.invitedBy);
  return caseNumber ? t.invitedForCaseByAgent.replace('{case}', caseNumber) : '';
}

export function renderExpertCase(view: ExpertInvitationView, t: RoomStrings, c: CasePanelStrings) {
  const line = invitedLine(view, t);
  const shared = view.sharedCase;
  const rows = shared
    ? (
        [
          [c.customer, shared.customerName],
          [c.issue, shared.issue],
          [t.notes, shared.notes],
        ] as const
      ).filter(([, value]) => value)
    : [];
  if (!line && rows.length === 0) return nothing;
  return html`<details part="case" class="expert-case" open>
    <summary>${line || c.label}</summary>
    ${
      rows.length
        ? html`<dl aria-label=${c.label}>${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`
        : nothing
    }
  </details>`;
}
