// The agent desktop mock: a chat with the customer, the case, and the escalation tags. With the
// real stack (`npm start` found Janus) the escalation runs on the reference service and Janus;
// otherwise on a simulated service and the loopback adapter, between tabs of this browser.
import '../src/define/all.js';
import type { EscalationContextElement, EscalationEvent, VideoRoomElement } from '../src/index.js';
import { EscalationSnapshotEvent } from '../src/index.js';
import { onChat, postChat } from './chat-channel.js';
import { demoMachine } from './simulated-service.js';

interface DemoConfig {
  mode: 'janus' | 'loopback';
  serviceUrl?: string;
  outbox?: string;
  reason?: string;
}

const context = document.querySelector<EscalationContextElement>('#escalation')!;

// `?call=<interaction id>&phone=<E.164>`: the task is a phone call the contact center routed here
// (one its flow may have started a video escalation for), instead of the chat.
const task = new URLSearchParams(location.search);
const call = task.get('call');
if (call) {
  context.mode = 'voice';
  context.persistKey = `demo-agent:${call}`;
  context.interaction = { id: call, channel: 'voice', customerName: 'Caller', customerPhone: task.get('phone') ?? '' };
}
const room = context.querySelector<VideoRoomElement>('video-room')!;
const mode = document.querySelector<HTMLParagraphElement>('#mode')!;

/** Sets the page up for the stack `npm start` found. */
function configure(config: DemoConfig): void {
  if (config.mode === 'janus') {
    // The desk signs its agent in with a token from its own backend (the demo mints them).
    context.getToken = async () => ((await (await fetch('/demo/agent-token')).json()) as { token: string }).token;
    context.serviceUrl = config.serviceUrl!;
    room.adapter = 'janus';
    mode.textContent = `Real stack: Janus and the reference escalation service. SMS and e-mail go to ${config.outbox}.`;
  } else {
    context.machine = demoMachine;
    room.adapter = 'loopback';
    mode.textContent = `Loopback demo: ${config.reason} The escalation service is simulated in this page.`;
    mode.classList.add('loopback');
    const simulation = document.querySelector<HTMLFieldSetElement>('#simulation')!;
    simulation.hidden = false;
    const actions: Record<string, EscalationEvent> = {
      opened: { type: 'GUEST_PROGRESS', step: 'opened' },
      checking: { type: 'GUEST_PROGRESS', step: 'checking-devices' },
      deviceFailed: { type: 'GUEST_PROGRESS', step: 'device-failed' },
      joined: { type: 'GUEST_JOINED' },
      wrapup: { type: 'WRAPUP' },
    };
    for (const button of simulation.querySelectorAll<HTMLButtonElement>('button[data-send]')) {
      button.addEventListener('click', () => context.send(actions[button.dataset.send!]!));
    }
  }
}

void fetch('/demo/config.json')
  .then((response) => response.json() as Promise<DemoConfig>)
  .then(configure);

// The chat widget posts the link when the escalation hands it over.
context.addEventListener('escalation-link', (event) => {
  if (event.detail.channel !== 'chat') return;
  const bubble = document.createElement('p');
  bubble.className = 'bubble agent';
  bubble.append('Join me on video: ');
  const link = Object.assign(document.createElement('a'), {
    href: event.detail.url,
    target: '_blank',
    rel: 'noopener',
    textContent: event.detail.url,
  });
  bubble.append(link, ` (code ${event.detail.code})`);
  document.querySelector('#chat')!.append(bubble);
  // The customer's chat (demo/customer-chat.html) gets it too, and shows it as a join card.
  postChat({ from: 'agent', text: 'Join me on video:', link: { url: event.detail.url, code: event.detail.code } });
});

// What the customer types in their chat.
onChat((message) => {
  if (message.from !== 'customer') return;
  document
    .querySelector('#chat')!
    .append(Object.assign(document.createElement('p'), { className: 'bubble', textContent: message.text }));
});

const log = document.querySelector<HTMLOListElement>('#log')!;
for (const type of [
  'escalation-state-change',
  'escalation-link',
  'escalation-link-delivery',
  'escalation-guest-progress',
  'escalation-expert',
  'escalation-fallback',
  'escalation-new-link-request',
  'escalation-callback-request',
  'escalation-snapshot',
  'escalation-closed',
] as const) {
  context.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    // A picture kept for the case: shown as a CRM would file it (its images are Blobs, not JSON).
    if (event instanceof EscalationSnapshotEvent) {
      const { image, marked, ...about } = event.detail.snapshot;
      item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify({ ...about, image: `${image.type} ${image.size} bytes` })}`;
      const picture = Object.assign(document.createElement('img'), {
        src: URL.createObjectURL(marked),
        alt: `The picture kept for the case, with the agent's marks. Note: ${about.note || 'none'}`,
        width: 240,
      });
      item.append(document.createElement('br'), picture);
    }
    log.prepend(item);
  });
}

// The theme switch sets the page's colour scheme; the elements inside follow it (their colours
// are `light-dark()` pairs reading the scheme they inherit).
const theme = document.querySelector<HTMLSelectElement>('#theme')!;
theme.addEventListener('change', () => document.documentElement.style.setProperty('color-scheme', theme.value));

// The language switch sets `lang` on the desk's elements only (the demo's own words stay English):
// they change on the spot, and Arabic turns right to left.
const language = document.querySelector<HTMLSelectElement>('#language')!;
language.addEventListener('change', () => document.querySelector('escalation-context')?.setAttribute('lang', language.value));
