// Experts in the e2e tests: an expert's desk of their own (signed in, available for a skill), and
// the agent's button as the expert's side of it is used (asking the pool, the lobby's words).
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { ExpertDeskElement } from '../../src/elements/expert-desk/expert-desk.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { frame } from './desk.js';
import { testEnv, until } from './test-env.js';

export const buttonRoot = (context: EscalationContextElement) => context.querySelector('escalate-button')!.shadowRoot!;
export const poolStatus = (context: EscalationContextElement) =>
  buttonRoot(context).querySelector('[part=pool-status]')?.textContent ?? '';
export const pressOn = (root: ParentNode, words: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent === words)!.click();
export const tilesOf = (room: VideoRoomElement) =>
  [...room.shadowRoot!.querySelectorAll<HTMLElement>('[part=tile]')].map((tile) => tile.dataset.role);

export async function expertDesk(expert: string, name: string, skills: string): Promise<ExpertDeskElement> {
  const env = await testEnv();
  const params = new URLSearchParams({ service: env.serviceUrl, expert, name, skills, tenant: 'tenant-1' });
  const page = frame(`/test/support/expert-desk-page.html?${params}`);
  const desk = (await until(
    'the expert desk',
    () => page.contentDocument?.querySelector('expert-desk') ?? undefined,
    20_000,
  )) as ExpertDeskElement;
  await desk.updateComplete;
  pressOn(desk.shadowRoot!, 'Available for calls');
  await until(
    'available',
    () => (desk.shadowRoot!.querySelector('[part=status]')?.textContent?.startsWith('You are available') ? true : undefined),
    10_000,
  );
  return desk;
}

/** The agent asks for `skill` in the button's small form. */
export async function askFor(context: EscalationContextElement, skill: string): Promise<void> {
  pressOn(buttonRoot(context), 'Ask for an expert');
  const form = await until(
    'the skill form',
    () => buttonRoot(context).querySelector<HTMLFormElement>('form[part=expert-form]') ?? undefined,
  );
  form.querySelector<HTMLInputElement>('input[name=skill]')!.value = skill;
  form.requestSubmit();
}
