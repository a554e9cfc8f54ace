// The agent's small form for pulling an expert into the call: a name, and where the invite goes.
import { html, type TemplateResult } from 'lit';
import type { ExpertInvite, ExpertStatus, ServiceErrorCode } from '../../core/machine/types.js';
import type { StringTable } from '../../i18n/strings.js';
// The service accepts the same two kinds of address (E.164 for SMS, or e-mail), by the same rules.
import { E164, EMAIL } from '../../protocol/index.js';

/** The invite the form describes, or null when the address would not reach anyone. */
export function readExpertInvite(form: HTMLFormElement): ExpertInvite | null {
  const data = new FormData(form);
  const name = String(data.get('name') ?? '').trim();
  const typed = String(data.get('address') ?? '').trim();
  // People type numbers with spaces, dashes and brackets; the service wants bare E.164.
  const address = typed.startsWith('+') ? typed.replace(/[\s().-]/g, '') : typed;
  if (!E164.test(address) && !EMAIL.test(address)) return null;
  return { address, ...(name ? { name } : {}), shareCase: data.get('share') === 'on' };
}

/**
 * How the last invite stands, in the agent's words; '' when there is nothing to say. An invite
 * the service refused says why (`errorCode`), not just that the expert did not join.
 */
export function expertStatusText(
  status: ExpertStatus | null,
  name: string | null,
  errorCode: ServiceErrorCode | null,
  words: StringTable,
): string {
  const t = words.button;
  if (status === 'failed' && errorCode && errorCode !== 'unavailable')
    return t.expertRefused.replace('{name}', name ?? '').replace('{why}', words.agentErrors[errorCode]);
  const byStatus = {
    inviting: t.expertInviting,
    joined: t.expertJoined,
    left: t.expertLeft,
    failed: t.expertFailed,
    cancelled: '',
    removed: t.expertRemoved,
    'remove-failed': t.expertRemoveFailed,
    // The pool's and the lobby's words come with them (expert-pool.ts, loaded once on video).
    requesting: '',
    ringing: '',
    'no-expert': '',
    waiting: '',
    admitting: '',
    declined: '',
    'left-lobby': '',
  } as const;
  return status ? byStatus[status].replace('{name}', name ?? '') : '';
}

export function expertInviteForm(
  t: StringTable['button'],
  problem: string,
  onSubmit: (event: SubmitEvent) => void,
  onCancel: () => void,
): TemplateResult {
  return html`<form part="expert-form" class="expert-form" aria-label=${t.inviteExpert} @submit=${onSubmit}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && onCancel()}>
    <label>${t.expertName}<input name="name" autocomplete="off" maxlength="80" /></label>
    <label>${t.expertAddress}<input name="address" required autocomplete="off" maxlength="320"
      aria-invalid=${problem ? 'true' : 'false'} aria-describedby="expert-problem" /></label>
    <label class="share"><input type="checkbox" name="share" checked />${t.shareCase}</label>
    <p id="expert-problem" class="problem" role="alert">${problem}</p>
    <button type="submit" class="primary">${t.sendInvite}</button>
    <button type="button" @click=${onCancel}>${t.cancel}</button>
  </form>`;
}
