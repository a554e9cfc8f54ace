// The customer's chat widget: the agent's messages arrive in it, and the agent's video link comes
// as a join card right in the conversation, so the customer goes from chat to video without
// leaving it (with the real stack; the loopback demo shows the link).
import '../src/define/all.js';
import type { EscalationJoinCardElement } from '../src/index.js';
import { onChat, postChat, type ChatMessage } from './chat-channel.js';

interface DemoConfig {
  mode: 'janus' | 'loopback';
  serviceUrl?: string;
}

const messages = document.querySelector<HTMLElement>('#messages')!;
const config = fetch('/demo/config.json').then((response) => response.json() as Promise<DemoConfig>);

function bubble(from: ChatMessage['from'], text: string): HTMLParagraphElement {
  const element = Object.assign(document.createElement('p'), { className: `bubble ${from}`, textContent: text });
  messages.append(element);
  messages.scrollTop = messages.scrollHeight;
  return element;
}

async function show(message: ChatMessage): Promise<void> {
  const element = bubble(message.from, message.text);
  if (!message.link) return;
  const { mode, serviceUrl } = await config;
  if (mode !== 'janus' || !serviceUrl) {
    element.append(' ', Object.assign(document.createElement('a'), { href: message.link.url, textContent: message.link.url }));
    return;
  }
  // The link's token (`#code=`), as the customer's page would take it from the link.
  const card = document.createElement('escalation-join-card') as EscalationJoinCardElement;
  card.code = new URLSearchParams(new URL(message.link.url).hash.slice(1)).get('code') ?? message.link.code;
  card.serviceUrl = serviceUrl;
  element.classList.add('with-card');
  element.append(card);
  messages.scrollTop = messages.scrollHeight;
}

onChat((message) => void show(message));

document.querySelector<HTMLFormElement>('#compose')!.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.querySelector<HTMLInputElement>('#text')!;
  const text = input.value.trim();
  if (!text) return;
  bubble('customer', text);
  postChat({ from: 'customer', text });
  input.value = '';
});
