// The e2e tests' cast, each on its own page in an iframe of the test: the agent's desktop (an
// <escalation-context> with the button and the room, on the real service) and the customer's or
// expert's page opened from a link's code.
import { executeServerCommand } from '@web/test-runner-commands';
import type { Interaction } from '../../src/core/machine/types.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { testEnv, until } from './test-env.js';

const frames: HTMLIFrameElement[] = [];

export function frame(src: string, allow = 'camera; microphone'): HTMLIFrameElement {
  const element = document.createElement('iframe');
  element.allow = allow;
  element.style.cssText = 'width:480px;height:340px;border:0';
  element.src = src;
  document.body.append(element);
  frames.push(element);
  return element;
}

/** Removes every page the test opened (their calls end with them). */
export function closeFrames(): void {
  for (const element of frames.splice(0)) element.remove();
}

export async function agentDesktop(
  joinTimeout = 180,
  options: {
    service?: string;
    reconnectTimeout?: number;
    rejoinGrace?: number;
    /** The interaction's mode: `chat` (the default here) or `voice` (the sound stays on the phone). */
    mode?: 'voice' | 'chat';
    agent?: string;
    /** The agent's name in their sign-in token (the JWT's `name`). */
    agentName?: string;
    tokenTtl?: number;
    noRoom?: boolean;
    /** The task the desktop has open when it starts. */
    interaction?: Interaction;
  } = {},
) {
  const env = await testEnv();
  const params = new URLSearchParams({
    service: options.service ?? env.serviceUrl,
    joinTimeout: String(joinTimeout),
    agent: options.agent ?? 'agent-1',
    ttl: String(options.tokenTtl ?? 3600),
  });
  if (options.reconnectTimeout) params.set('reconnectTimeout', String(options.reconnectTimeout));
  if (options.noRoom) params.set('noRoom', '');
  if (options.rejoinGrace) params.set('rejoinGrace', String(options.rejoinGrace));
  if (options.mode) params.set('mode', options.mode);
  if (options.agentName) params.set('agentName', options.agentName);
  if (options.interaction) params.set('interaction', JSON.stringify(options.interaction));
  const page = frame(`/test/support/agent-page.html?${params}`);
  const context = (await until(
    'the agent desktop',
    () => page.contentDocument?.querySelector('escalation-context') ?? undefined,
    20_000,
  )) as EscalationContextElement;
  await until('the escalation to start', () => context.actor ?? undefined);
  return { context, room: context.querySelector('video-room') as VideoRoomElement };
}

/**
 * The customer's (or expert's) page opened from a link's code. `allow` is the frame's permissions
 * policy; `checkDevices` runs the device check before joining, as the join card does.
 */
export async function guestPage(
  code: string,
  options: { allow?: string; checkDevices?: boolean } = {},
): Promise<VideoRoomElement> {
  const env = await testEnv();
  const params = new URLSearchParams({ code, service: env.serviceUrl, role: 'guest', name: '' });
  if (options.checkDevices) params.set('check', '');
  const page = frame(`/test/support/room-page.html?${params}`, options.allow);
  return (await until(
    'the guest page',
    () => page.contentDocument?.querySelector('video-room') ?? undefined,
    20_000,
  )) as VideoRoomElement;
}

/** The token a guest link carries (`…#code=<token>`), which opens it as the short code does. */
export function linkToken(url: string): string {
  return new URLSearchParams(new URL(url).hash.slice(1)).get('code') ?? '';
}

/** The short code in an SMS or e-mail text (`… (code ACD-EFH-JKM)`). */
export function codeIn(text: string): string {
  return /\(code ([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\)/.exec(text)![1]!;
}

/** Waits until Janus no longer has the escalation's room. */
export async function roomGone(room: string): Promise<void> {
  await until(
    'the room gone',
    async () => ((await executeServerCommand<boolean, { room: string }>('janus-room-exists', { room })) ? undefined : true),
    10_000,
  );
}

/** The agent's escalate button: its status line, and pressing one of its actions by its words. */
export function agentButton(context: EscalationContextElement) {
  const root = () => context.querySelector('escalate-button')!.shadowRoot!;
  return {
    status: () => root().querySelector('[part=status]')?.textContent ?? '',
    press: (label: string) =>
      [...root().querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent === label)!.click(),
  };
}

/** How many frames the room's first remote tile has shown; undefined until it plays. */
export function tileVideoFrames(room: VideoRoomElement): number | undefined {
  const video = room.shadowRoot?.querySelector<HTMLVideoElement>('[part=tile] video');
  const frames = video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  return video && video.videoWidth > 0 && frames > 2 ? frames : undefined;
}

/** The agent escalates a chat of its own (a fresh interaction id), the link going into the chat. */
export function requestChat(context: EscalationContextElement, customerName?: string): void {
  context.send({
    type: 'REQUEST',
    interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', ...(customerName ? { customerName } : {}) },
    delivery: { channel: 'chat' },
  });
}

/** The agent escalates a chat: the link the chat pane gets (its URL, and the short code). */
export async function escalateInChat(
  context: EscalationContextElement,
  customerName: string | undefined = 'Ada Customer',
): Promise<{ url: string; code: string }> {
  const link = new Promise<{ url: string; code: string }>((resolve) =>
    context.addEventListener('escalation-link', (event) => resolve(event.detail as { url: string; code: string }), {
      once: true,
    }),
  );
  requestChat(context, customerName);
  return link;
}

/** A North American test number (+1555…) of the test's own: every test's texts land in one SMS provider. */
export function testPhone(): string {
  return `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

/** The agent escalates a phone call: the link goes by SMS to a number of its own; the code in it. */
export async function escalateBySms(context: EscalationContextElement): Promise<{ code: string; phone: string }> {
  const phone = testPhone();
  context.send({
    type: 'REQUEST',
    interaction: { id: `call-${crypto.randomUUID()}`, channel: 'voice', customerName: 'Ada Customer', customerPhone: phone },
    delivery: { channel: 'sms', to: phone },
  });
  const sms = await until(
    'the SMS with the link',
    async () =>
      (await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received')).find(
        (message) => message.to === phone,
      ),
    15_000,
  );
  return { code: codeIn(sms.text), phone };
}

/** The SMS the service sent to `phone` (the tests' SMS provider), once it arrived. */
export async function smsTo(phone: string): Promise<{ to: string; text: string }> {
  return until(
    `the SMS to ${phone}`,
    async () =>
      (await executeServerCommand<{ to: string; text: string }[], undefined>('sms-received')).find(
        (message) => message.to === phone,
      ),
    15_000,
  );
}

/**
 * An agent (named `agentName`) escalates a chat of its own; the customer opens the link from the
 * chat and is on video, in the call. `interaction`: more of the case.
 */
export async function customerOnVideo(
  options: { agentName?: string; interaction?: Partial<Interaction> } = {},
): Promise<{ context: EscalationContextElement; room: VideoRoomElement; customer: VideoRoomElement }> {
  const agent = await agentDesktop(180, options.agentName ? { agentName: options.agentName } : {});
  const link = new Promise<string>((resolve) =>
    agent.context.addEventListener('escalation-link', (event) => resolve(event.detail.url), { once: true }),
  );
  agent.context.send({
    type: 'REQUEST',
    interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'Ada Customer', ...options.interaction },
    delivery: { channel: 'chat' },
  });
  const customer = await guestPage(linkToken(await link));
  await until('the customer on video', () => (agentButton(agent.context).status() === 'On video' ? true : undefined), 30_000);
  await until('the customer in the call', () => (customer.state === 'in-call' ? true : undefined), 30_000);
  return { ...agent, customer };
}
