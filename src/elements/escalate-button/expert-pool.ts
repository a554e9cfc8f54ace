// The agent's side of experts the contact-center way: ask the pool for a skill (the longest-idle
// free expert with it is rung), stop ringing, hear that nobody is free (then invite by address),
// and the lobby: who waits, let them in, or turn them away with a reason they read. Loaded with
// the camera tools once the customer is on video.
import { html, nothing, type TemplateResult } from 'lit';
import type { ButtonView } from '../../core/machine/selectors.js';
import type { EscalationEvent } from '../../core/machine/types.js';
import type { ExpertPoolStrings } from '../../i18n/camera-tools-strings.js';
import type { StringTable } from '../../i18n/strings.js';
import { SKILL } from '../../protocol/index.js';

/** Which of the pool's small forms is open: asking for a skill, or turning an expert away. */
export type PoolForm = 'ask' | 'turn-away' | null;

export interface ExpertPoolInput {
  view: ButtonView;
  words: StringTable;
  form: PoolForm;
  /** The skill typed was not one (said at each render in the element's language). */
  skillInvalid: boolean;
  open: (form: PoolForm) => void;
  send: (event: EscalationEvent) => void;
  refuseSkill: () => void;
}

/** How the request or the lobby stands, in the agent's words; '' when there is nothing to say. */
export function poolStatus(view: ButtonView, words: StringTable): string {
  const t = words.expertPool;
  const { expert } = view;
  const skill = expert.request?.skill ?? expert.name ?? '';
  const name = expert.name ?? '';
  switch (expert.state) {
    case 'requesting':
      return expert.request?.ringing
        ? t.ringing.replace('{name}', expert.request.ringing).replace('{skill}', skill)
        : t.looking.replace('{skill}', skill);
    case 'lobby':
      return t.waiting.replace('{name}', name);
    case 'admitting':
      return t.admitting.replace('{name}', name);
    default:
      if (expert.status === 'no-expert') return t.noneFree.replace('{skill}', skill);
      if (expert.status === 'declined') return t.declined.replace('{name}', name);
      if (expert.status === 'left-lobby') return t.leftLobby.replace('{name}', name);
      return '';
  }
}

function askForm(t: ExpertPoolStrings, input: ExpertPoolInput): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const skill = String(new FormData(event.currentTarget as HTMLFormElement).get('skill') ?? '')
      .trim()
      .toLowerCase();
    if (!SKILL.test(skill)) return input.refuseSkill();
    input.send({ type: 'REQUEST_EXPERT', request: { skill, shareCase: true } });
    input.open(null);
  };
  return html`<form part="expert-form" class="expert-form" aria-label=${t.ask} @submit=${submit}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && input.open(null)}>
    <label>${t.skill}<input name="skill" required autocomplete="off" maxlength="40"
      aria-invalid=${input.skillInvalid ? 'true' : 'false'} aria-describedby="skill-problem" /></label>
    <p id="skill-problem" class="problem" role="alert">${input.skillInvalid ? t.skillInvalid : ''}</p>
    <button type="submit" class="primary">${t.ring}</button>
    <button type="button" @click=${() => input.open(null)}>${t.cancel}</button>
  </form>`;
}

function turnAwayForm(t: ExpertPoolStrings, name: string, input: ExpertPoolInput): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    input.send({ type: 'DECLINE_EXPERT', reason: reason || t.reasonDefault });
    input.open(null);
  };
  return html`<form part="expert-form" class="expert-form" aria-label=${t.turnAway.replace('{name}', name)} @submit=${submit}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && input.open(null)}>
    <label>${t.reason.replace('{name}', name)}<input name="reason" autocomplete="off" maxlength="200" .value=${t.reasonDefault} /></label>
    <button type="submit" class="danger">${t.sendTurnAway}</button>
    <button type="button" @click=${() => input.open(null)}>${t.cancel}</button>
  </form>`;
}

/** The pool's and the lobby's actions and forms, beside the invite by address. */
export function renderExpertPool(input: ExpertPoolInput): TemplateResult {
  const t = input.words.expertPool;
  const { expert } = input.view;
  const name = expert.name ?? '';
  const status = poolStatus(input.view, input.words);
  const line = html`<p part="pool-status" class="pool-status" role="status">${status}</p>`;
  switch (expert.state) {
    case 'none':
      return html`${line}${
        input.form === 'ask' ? askForm(t, input) : html`<button part="action" @click=${() => input.open('ask')}>${t.ask}</button>`
      }`;
    case 'requesting':
      return html`${line}<button part="action" @click=${() => input.send({ type: 'CANCEL_EXPERT_REQUEST' })}>${t.stopRinging}</button>`;
    case 'lobby':
      return html`${line}${
        input.form === 'turn-away'
          ? turnAwayForm(t, name, input)
          : html`<button part="action" class="primary" @click=${() => input.send({ type: 'ADMIT_EXPERT' })}>${t.admit.replace('{name}', name)}</button>
              <button part="action" @click=${() => input.open('turn-away')}>${t.turnAway.replace('{name}', name)}</button>`
      }`;
    case 'admitting':
      return line;
    default:
      return status ? line : html`${nothing}`;
  }
}
