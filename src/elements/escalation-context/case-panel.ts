// The compact case panel of <escalation-context>: who the customer is and what the case is about,
// so the agent sees it beside the call without switching screens.
import { html, nothing } from 'lit';
import type { Interaction } from '../../core/machine/types.js';
import type { CasePanelStrings } from '../../i18n/strings.js';

export function renderCasePanel(interaction: Interaction, t: CasePanelStrings) {
  const row = (label: string, value: string | undefined) => (value ? html`<dt>${label}</dt><dd>${value}</dd>` : nothing);
  return html`<dl part="case" class="case" aria-label=${t.label}>
    ${row(t.customer, interaction.customerName)} ${row(t.caseNumber, interaction.caseNumber)}
    ${row(t.channel, t.channels[interaction.channel])} ${row(t.issue, interaction.issue)}
  </dl>`;
}
