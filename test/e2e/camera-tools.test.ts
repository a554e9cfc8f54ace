// "Show me the device" and the snapshot to the case, as the agent and the customer live them, on
// the real service and Janus: the agent takes a picture from the customer's own camera (the
// customer is shown it was taken), marks it up and keeps it for the case (the service keeps it,
// the host gets it); the agent's camera controls offer only what the customer's camera reported;
// the customer sees each ask of their camera and allows it (it reaches their camera track) or
// refuses it; a camera the customer turned off gives no picture.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import type { EscalationSnapshotEvent } from '../../src/events/escalation-snapshot.js';
import { closeFrames, customerOnVideo } from '../support/desk.js';
import { agentToken, testEnv, until } from '../support/test-env.js';
import { expectAccessibleInFrame } from '../support/axe-in-frame.js';

const toolsOf = (context: EscalationContextElement) => context.querySelector('escalate-button')!.shadowRoot!;
const toolButtons = (context: EscalationContextElement) =>
  [...toolsOf(context).querySelectorAll<HTMLButtonElement>('[part=camera-tools] button')].map((button) => button.textContent);
const agentStatus = (context: EscalationContextElement) =>
  toolsOf(context).querySelector('[part=camera-status]')?.textContent ?? '';
const customerSees = (customer: VideoRoomElement, part: string) =>
  customer.shadowRoot!.querySelector(`[part=${part}]`)?.textContent?.trim() ?? '';

/** Waits until the agent's camera line says `words`; a timeout names what it said instead. */
async function agentTold(context: EscalationContextElement, words: string): Promise<void> {
  await until('the agent told', () => (agentStatus(context) === words ? true : undefined), 15_000).catch((error: Error) => {
    const { tools } = context.actor!.getSnapshot().context;
    throw new Error(`${error.message}: "${words}"; the line says "${agentStatus(context)}"; asks ${JSON.stringify(tools.asks)}`);
  });
}

/** The average colour of an image, over a grid of its pixels. */
async function averageColour(source: ImageBitmapSource): Promise<number[]> {
  const bitmap = await createImageBitmap(source);
  const canvas = new OffscreenCanvas(64, 48);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0, 64, 48);
  const data = context.getImageData(0, 0, 64, 48).data;
  const sum = [0, 0, 0];
  for (let index = 0; index < data.length; index += 4)
    for (let channel = 0; channel < 3; channel += 1) sum[channel]! += data[index + channel]!;
  return sum.map((total) => total / (64 * 48));
}

/** Records every constraint applied to a camera track in the customer's page, and on which track. */
function recordConstraints(customer: VideoRoomElement): { track: MediaStreamTrack; constraints: MediaTrackConstraints }[] {
  const seen: { track: MediaStreamTrack; constraints: MediaTrackConstraints }[] = [];
  const prototype = (customer.ownerDocument.defaultView as unknown as { MediaStreamTrack: typeof MediaStreamTrack })
    .MediaStreamTrack.prototype;
  const apply = prototype.applyConstraints;
  prototype.applyConstraints = function (this: MediaStreamTrack, constraints?: MediaTrackConstraints) {
    seen.push({ track: this, constraints: constraints ?? {} });
    return apply.call(this, constraints);
  };
  return seen;
}

describe('the agent’s camera tools with the customer (real Janus, real service)', function () {
  this.timeout(120_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('takes a picture from the customer’s own camera, which the agent marks up and keeps for the case', async () => {
    const env = await testEnv();
    const { context, customer } = await customerOnVideo();
    const snapshots: EscalationSnapshotEvent[] = [];
    context.addEventListener('escalation-snapshot', (event) => snapshots.push(event));

    // The customer's page said what its camera can do; Chromium's fake camera: one camera, no torch, no zoom.
    await until('the customer’s camera reported', () => context.actor!.getSnapshot().context.tools.camera ?? undefined, 15_000);
    expect(context.actor!.getSnapshot().context.tools.camera).to.deep.equal({
      facings: [],
      facing: null,
      torch: null,
      zoom: null,
    });
    await until('the camera tools', () => (toolButtons(context).length ? true : undefined));
    expect(toolButtons(context)).to.deep.equal(['Take a picture', 'Record the call']);

    const picture = [...toolsOf(context).querySelectorAll<HTMLButtonElement>('[part=camera-tools] button')][0]!;
    picture.focus();
    await sendKeys({ press: 'Enter' });
    await until(
      'the customer told',
      () =>
        customerSees(customer, 'camera-notice') === 'The agent took a picture of what your camera shows.' ? true : undefined,
      15_000,
    );
    const canvas = await until(
      'the still on the agent’s desk',
      () => toolsOf(context).querySelector<HTMLCanvasElement>('[part=still-image]') ?? undefined,
      15_000,
    );
    const track = customer.localTracks.video!;
    // The camera's own photo resolution (ImageCapture's largest), not the picture as the call carried it to the agent.
    const capture = new (
      customer.ownerDocument.defaultView as unknown as {
        ImageCapture: new (track: MediaStreamTrack) => { takePhoto(): Promise<Blob> };
      }
    ).ImageCapture(track);
    const photo = await createImageBitmap(await capture.takePhoto());
    const [width, height] = [photo.width, photo.height];
    // (A canvas starts at 300×150 until the still is drawn on it.)
    await until('the still drawn', () => (canvas.width !== 300 ? true : undefined), 10_000);
    expect([canvas.width, canvas.height]).to.deep.equal([width, height]);
    // Never smaller than what the camera sends into the call.
    expect(canvas.width).to.be.at.least(track.getSettings().width!);
    await expectAccessibleInFrame(context.querySelector('escalate-button')!);

    // Marks from the keyboard, a note with a phone number in it; kept.
    const circle = [...toolsOf(context).querySelectorAll<HTMLButtonElement>('[part=still] button')].find(
      (button) => button.textContent === 'Circle',
    )!;
    circle.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowUp' });
    const note = toolsOf(context).querySelector<HTMLTextAreaElement>('textarea[name=note]')!;
    note.focus();
    await sendKeys({ type: 'Red light on port 2. Call back on +1 555 123 4567' });
    [...toolsOf(context).querySelectorAll<HTMLButtonElement>('[part=still] button')]
      .find((button) => button.textContent === 'Keep for the case')!
      .click();
    const kept = await until('the host gets the picture', () => snapshots[0], 15_000);

    const { snapshot } = kept.detail;
    expect([snapshot.width, snapshot.height]).to.deep.equal([width, height]);
    expect(snapshot.note).not.to.contain('555 123 4567');
    expect(snapshot.masked).to.deep.equal(['phone']);
    expect(snapshot.marks).to.have.length(1);
    // The pixels are the customer's camera's: its colours are those of a frame of the customer's own track.
    const frame = await createImageBitmap(
      await new (
        customer.ownerDocument.defaultView as unknown as {
          ImageCapture: new (track: MediaStreamTrack) => { grabFrame(): Promise<ImageBitmap> };
        }
      ).ImageCapture(track).grabFrame(),
    );
    const [camera, still] = [await averageColour(frame), await averageColour(snapshot.image)];
    for (const channel of [0, 1, 2])
      expect(Math.abs(camera[channel]! - still[channel]!), `colour ${channel}: camera ${camera} vs still ${still}`).to.be.below(
        25,
      );
    await until('the agent told it was kept', () =>
      toolsOf(context).querySelector('[part=still-status]')?.textContent ===
      'Picture kept for the case; in the note we hid a phone number'
        ? true
        : undefined,
    );

    // The service keeps it with the escalation, with the same bytes and the note masked.
    const escalationId = context.actor!.getSnapshot().context.escalation!.id;
    const service = new EscalationServiceClient(env.serviceUrl, { token: await agentToken() });
    const listed = await service.snapshots(escalationId);
    expect(listed.map((each) => [each.id, each.saved, each.note])).to.deep.equal([[snapshot.id, true, snapshot.note]]);
    const stored = await service.snapshot(escalationId, snapshot.id);
    const bytes = new Uint8Array(await snapshot.image.arrayBuffer());
    expect(stored.image).to.equal(btoa(String.fromCharCode(...bytes)));
    context.send({ type: 'HANGUP' });
  });

  it('puts each ask of the camera to the customer: allowed, it reaches their camera; refused, nothing changes', async () => {
    const { context, customer } = await customerOnVideo();
    const applied = recordConstraints(customer);

    // The fake camera has no torch, so the agent is not offered one; asked anyway, the customer decides.
    context.send({ type: 'ASK_GUEST', ask: { kind: 'torch', on: true } });
    const ask = await until(
      'the customer asked',
      () => customer.shadowRoot!.querySelector('[part=camera-ask]') ?? undefined,
      15_000,
    );
    expect(ask.querySelector('p')!.textContent).to.equal('The agent asks to turn on your phone’s light, to see better.');
    await expectAccessibleInFrame(customer);
    ask.querySelector<HTMLButtonElement>('button.primary')!.focus();
    await sendKeys({ press: 'Enter' });
    await agentTold(context, 'The customer’s camera has no light the page can use');
    expect(applied.map((each) => [each.track === customer.localTracks.video, each.constraints])).to.deep.equal([
      [true, { advanced: [{ torch: true }] }],
    ]);
    expect(customerSees(customer, 'camera-notice')).to.equal('This camera has no light this page can turn on.');

    // Refused: the zoom is never applied.
    context.send({ type: 'ASK_GUEST', ask: { kind: 'zoom', level: 2 } });
    const zoom = await until(
      'the zoom asked',
      () => customer.shadowRoot!.querySelector('[part=camera-ask]') ?? undefined,
      15_000,
    );
    expect(zoom.querySelector('p')!.textContent).to.equal('The agent asks to zoom your camera in, to see closer.');
    zoom.querySelector<HTMLButtonElement>('button.secondary')!.focus();
    await sendKeys({ press: 'Space' });
    await agentTold(context, 'The customer said no to zooming');
    expect(applied).to.have.length(1);

    // The rear camera, on a device with one camera.
    context.send({ type: 'ASK_GUEST', ask: { kind: 'camera', facing: 'environment' } });
    const rear = await until(
      'the camera asked',
      () => customer.shadowRoot!.querySelector('[part=camera-ask]') ?? undefined,
      15_000,
    );
    rear.querySelector<HTMLButtonElement>('button.primary')!.click();
    await agentTold(context, 'The customer’s device has no other camera');

    // The customer turns their camera off: the agent gets no picture, and the customer is told.
    customer.toggleCamera();
    await until('the camera off', () =>
      customer.shadowRoot!.querySelector('button.camera[aria-pressed=true]') ? true : undefined,
    );
    context.send({ type: 'ASK_GUEST', ask: { kind: 'snapshot' } });
    await agentTold(context, 'No picture: the customer’s camera is off');
    expect(customerSees(customer, 'camera-notice')).to.equal(
      'The agent asked for a picture. None was taken: your camera is off.',
    );
    expect(toolsOf(context).querySelector('[part=still]')).to.equal(null);
    context.send({ type: 'HANGUP' });
  });
});
