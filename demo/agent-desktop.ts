// The agent desktop mock: one interaction, its escalation, buttons that play the agent, the
// customer and the contact center, and a log of the DOM events the host page receives.
import '../src/define/all.js';
import type { EscalationContextElement, EscalationEvent } from '../src/index.js';
import { demoMachine } from './simulated-service.js';

const context = document.querySelector<EscalationContextElement>('escalation-context')!;
// The element upgraded when define/all ran; handing it the service now restarts it on that.
context.machine = demoMachine;

const log = document.querySelector<HTMLOListElement>('#log')!;
const state = document.querySelector<HTMLOutputElement>('#state')!;

const interaction = { id: 'chat-1001', channel: 'chat' as const, customerName: 'Ada Lovelace', customerPhone: '+15551231234', caseNumber: 'CS-2291' };

const actions: Record<string, EscalationEvent> = {
  escalate: { type: 'REQUEST', interaction, delivery: { channel: 'sms', to: interaction.customerPhone } },
  opened: { type: 'GUEST_PROGRESS', step: 'opened' },
  checking: { type: 'GUEST_PROGRESS', step: 'checking-devices' },
  joined: { type: 'GUEST_JOINED' },
  media: { type: 'MEDIA_CONNECTED' },
  expert: { type: 'INVITE_EXPERT', expert: { address: 'sme@example.test', name: 'Sam Expert' } },
  expertJoined: { type: 'EXPERT_JOINED' },
  deviceFailed: { type: 'GUEST_PROGRESS', step: 'device-failed' },
  retry: { type: 'RETRY_VIDEO' },
  hangup: { type: 'HANGUP' },
  wrapup: { type: 'WRAPUP' },
};

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-send]')) {
  button.addEventListener('click', () => context.send(actions[button.dataset.send!]!));
}

for (const type of ['escalation-state-change', 'escalation-link', 'escalation-link-delivery', 'escalation-guest-progress', 'escalation-expert', 'escalation-fallback', 'escalation-closed'] as const) {
  context.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(item);
    if (event.type === 'escalation-state-change') state.textContent = (event.detail as { to: string }).to;
    if (event.type === 'escalation-link') {
      const link = document.querySelector<HTMLAnchorElement>('#guest-link')!;
      link.href = (event.detail as { url: string }).url;
      link.textContent = link.href;
    }
  });
}
