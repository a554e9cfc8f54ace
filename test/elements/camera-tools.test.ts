// The agent's camera tools in <escalate-button>, with the service's side scripted: only what the
// customer's camera can do is offered, each ask says how it went, and a still is marked up (by
// keyboard here) and kept for the case; the host gets it with and without the marks. Real key
// presses; axe on each state. (The whole path on the real service and Janus: e2e/camera-tools.)
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fromPromise } from 'xstate';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import type {
  AskGuestInput,
  FetchedStill,
  FetchStillInput,
  KeepStillInput,
  KeptStillOutput,
} from '../../src/core/machine/actors.js';
import { markedImage } from '../../src/core/snapshots/marks.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { EscalationSnapshotEvent } from '../../src/events/escalation-snapshot.js';
import type { AskSent } from '../../src/protocol/index.js';
import { instantService, settle } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

const shadowOf = (el: EscalationContextElement) => el.querySelector('escalate-button')!.shadowRoot!;
const tools = (el: EscalationContextElement) =>
  [...shadowOf(el).querySelectorAll<HTMLButtonElement>('[part=camera-tools] button')].map((button) => button.textContent);
const textOf = (el: EscalationContextElement, part: string) => shadowOf(el).querySelector(`[part=${part}]`)?.textContent ?? '';
const button = (el: EscalationContextElement, words: string) =>
  [...shadowOf(el).querySelectorAll<HTMLButtonElement>('button')].find((each) => each.textContent === words)!;

/** A 400×300 still: grey, so a red mark on it is plain to see. */
async function greyStill(): Promise<Blob> {
  const canvas = new OffscreenCanvas(400, 300);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#808080';
  context.fillRect(0, 0, 400, 300);
  return canvas.convertToBlob({ type: 'image/png' });
}

async function pixel(image: Blob, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(image);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
}

function deskMachine(asked: AskGuestInput[], kept: KeepStillInput[]) {
  let asks = 0;
  return instantService().provide({
    actors: {
      askGuest: fromPromise<AskSent, AskGuestInput>(async ({ input }) => {
        asked.push(input);
        asks += 1;
        return { id: `ask-${asks}` };
      }),
      fetchStill: fromPromise<FetchedStill, FetchStillInput>(async () => ({
        url: URL.createObjectURL(await greyStill()),
        type: 'image/png',
      })),
      keepStill: fromPromise<KeptStillOutput, KeepStillInput>(async ({ input }) => {
        kept.push(input);
        const image = await (await fetch(input.still.url!)).blob();
        return {
          saved: { note: input.note.replace(/\d{4} \d{4} \d{4} (\d{4})/, '•••• •••• •••• $1'), masked: ['card'] },
          marks: input.marks,
          image,
          marked: await markedImage(image, input.marks),
        };
      }),
    },
  });
}

async function onVideo(asked: AskGuestInput[] = [], kept: KeepStillInput[] = []) {
  const el = await fixture<EscalationContextElement>(html`<escalation-context .machine=${deskMachine(asked, kept)}
    interaction-id="call-88" channel="voice" customer-name="Ada Customer" customer-phone="+15551231234">
    <escalate-button></escalate-button></escalation-context>`);
  await settle();
  button(el, 'Escalate to video').click();
  await settle();
  el.send({ type: 'GUEST_JOINED' });
  await until('the camera tools', () => (tools(el).length ? true : undefined));
  return el;
}

async function settled(el: EscalationContextElement) {
  await settle();
  await el.querySelector('escalate-button')!.updateComplete;
}

describe('the agent’s camera tools', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('offer only what the customer’s camera can do, and say how each ask went', async () => {
    const asked: AskGuestInput[] = [];
    const el = await onVideo(asked);
    // Before the customer's page said anything of its camera: a picture only (and recording, which asks first).
    expect(tools(el)).to.deep.equal(['Take a picture', 'Record the call']);
    el.send({
      type: 'GUEST_CAMERA',
      camera: {
        facings: ['user', 'environment'],
        facing: 'user',
        torch: { on: false },
        zoom: { min: 1, max: 5, step: 0.1, level: 1 },
      },
    });
    await settled(el);
    expect(tools(el)).to.deep.equal(['Take a picture', 'Rear camera', 'Light on', 'Zoom in', 'Record the call']);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();

    button(el, 'Light on').click();
    await settled(el);
    expect(asked.map((input) => input.ask)).to.deep.equal([{ kind: 'torch', on: true }]);
    expect(textOf(el, 'camera-status')).to.equal('Waiting for the customer to allow the light');
    el.send({ type: 'ASK_ANSWERED', answer: { id: 'ask-1', kind: 'torch', outcome: 'refused' } });
    await settled(el);
    expect(textOf(el, 'camera-status')).to.equal('The customer said no to the light');

    button(el, 'Zoom in').click();
    await settled(el);
    expect(asked.at(-1)!.ask).to.deep.equal({ kind: 'zoom', level: 2 });
    // An answer to an older ask does not speak for the newer one.
    el.send({ type: 'ASK_ANSWERED', answer: { id: 'ask-1', kind: 'zoom', outcome: 'done' } });
    await settled(el);
    expect(textOf(el, 'camera-status')).to.equal('Waiting for the customer to allow the zoom');
    el.send({ type: 'ASK_ANSWERED', answer: { id: 'ask-2', kind: 'zoom', outcome: 'unsupported' } });
    await settled(el);
    expect(textOf(el, 'camera-status')).to.equal('The customer’s camera cannot zoom from the page');

    // A customer who turned to the rear camera, light on and zoomed all the way: the way back.
    el.send({
      type: 'GUEST_CAMERA',
      camera: {
        facings: ['user', 'environment'],
        facing: 'environment',
        torch: { on: true },
        zoom: { min: 1, max: 5, step: 0.1, level: 5 },
      },
    });
    await settled(el);
    expect(tools(el)).to.deep.equal(['Take a picture', 'Front camera', 'Light off', 'Zoom out', 'Record the call']);
  });

  it('marks a still up from the keyboard and keeps it for the case; the host gets it, marks drawn, note masked', async () => {
    const asked: AskGuestInput[] = [];
    const kept: KeepStillInput[] = [];
    const el = await onVideo(asked, kept);
    const snapshots: EscalationSnapshotEvent[] = [];
    el.addEventListener('escalation-snapshot', (event) => snapshots.push(event));

    button(el, 'Take a picture').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(asked.map((input) => input.ask)).to.deep.equal([{ kind: 'snapshot' }]);
    expect(textOf(el, 'camera-status')).to.equal('Taking a picture on the customer’s device…');
    el.send({ type: 'ASK_ANSWERED', answer: { id: 'ask-1', kind: 'snapshot', outcome: 'done' } });
    el.send({ type: 'SNAPSHOT_ARRIVED', snapshot: { id: 'snap-1', ask: 'ask-1', width: 400, height: 300, takenAt: Date.now() } });
    const canvas = await until(
      'the still to mark up',
      () => shadowOf(el).querySelector<HTMLCanvasElement>('[part=still-image]') ?? undefined,
    );
    await until('the still drawn', () => (canvas.width === 400 ? true : undefined));
    // While a still is open no other picture is asked for.
    expect(button(el, 'Take a picture').disabled).to.equal(true);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();

    // From the keyboard: Circle adds one in the middle; arrows move it, Shift+arrows grow it.
    button(el, 'Circle').focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(shadowOf(el).activeElement).to.equal(canvas);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    await settled(el);
    expect(canvas.getAttribute('aria-label')).to.equal('The customer’s picture, 1 marks');
    const note = shadowOf(el).querySelector<HTMLTextAreaElement>('textarea[name=note]')!;
    note.focus();
    await sendKeys({ type: 'Router lights; paid with 4111 1111 1111 1111' });
    button(el, 'Keep for the case').focus();
    await sendKeys({ press: 'Enter' });
    await until('the host gets the still', () => snapshots[0]);

    // The circle: centred at (200−10, 150), radius 400/8/2 + 10.
    expect(kept[0]!.marks).to.deep.equal([{ shape: 'circle', center: [190, 150], radius: 35 }]);
    expect(kept[0]!.note).to.equal('Router lights; paid with 4111 1111 1111 1111');
    const { snapshot } = snapshots[0]!.detail;
    expect([snapshot.id, snapshot.interactionId, snapshot.width, snapshot.height]).to.deep.equal(['snap-1', 'call-88', 400, 300]);
    expect(snapshot.note).to.equal('Router lights; paid with •••• •••• •••• 1111');
    expect(snapshot.masked).to.deep.equal(['card']);
    // The circle's edge is red on the marked image and grey on the camera's.
    expect(await pixel(snapshot.image, 225, 150)).to.deep.equal([128, 128, 128]);
    const [red, green, blue] = await pixel(snapshot.marked, 225, 150);
    expect(red! > 200 && green! < 100 && blue! < 100, `red at the circle's edge, got ${[red, green, blue]}`).to.equal(true);
    await settled(el);
    expect(shadowOf(el).querySelector('[part=still]')).to.equal(null);
    expect(textOf(el, 'still-status')).to.equal('Picture kept for the case; in the note we hid a card number');
    expect(button(el, 'Take a picture').disabled).to.equal(false);
    await expect(el.querySelector('escalate-button')!).to.be.accessible();
  });

  it('discards a still the agent does not want', async () => {
    const el = await onVideo();
    button(el, 'Take a picture').click();
    await settled(el);
    el.send({ type: 'SNAPSHOT_ARRIVED', snapshot: { id: 'snap-2', ask: 'ask-1', width: 400, height: 300, takenAt: Date.now() } });
    await until('the still', () => shadowOf(el).querySelector('[part=still-image]') ?? undefined);
    button(el, 'Discard').click();
    await until('the still gone', () => (shadowOf(el).querySelector('[part=still]') ? undefined : true));
    expect(el.actor!.getSnapshot().context.tools.kept).to.deep.equal([]);
  });
});
