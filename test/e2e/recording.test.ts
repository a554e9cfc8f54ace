// Recording with consent, on the real service and Janus: the agent asks; the expert is told; the
// customer agrees on their own screen (or not); only then does Janus record, and everyone sees it
// is on. After the call the service turns the recording into files with Janus's own tool, and
// they play. A customer who declines: nothing is recorded, and the call goes on.
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { EscalationServiceClient } from '../../src/core/service/http-client.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import type { RecordingFile, RecordingList } from '../../src/protocol/index.js';
import { expectAccessibleInFrame } from '../support/axe-in-frame.js';
import { agentButton, closeFrames, codeIn, customerOnVideo, guestPage, smsTo, testPhone } from '../support/desk.js';
import { agentToken, testEnv, until } from '../support/test-env.js';
import { sleep } from '../../src/core/sleep.js';

const buttonRoot = (context: EscalationContextElement) => context.querySelector('escalate-button')!.shadowRoot!;
const recordingLine = (context: EscalationContextElement) =>
  buttonRoot(context).querySelector('[part=recording]')?.textContent ?? '';
const pressTool = (context: EscalationContextElement, words: string) =>
  [...buttonRoot(context).querySelectorAll<HTMLButtonElement>('[part~=tool]')]
    .find((button) => button.textContent === words)!
    .click();
const partText = (room: VideoRoomElement, part: string) =>
  room.shadowRoot!.querySelector(`[part=${part}]`)?.textContent?.trim() ?? '';

async function onVideoWithExpert(withExpert: boolean) {
  const agent = await customerOnVideo();
  let expert: VideoRoomElement | undefined;
  if (withExpert) {
    const phone = testPhone();
    agent.context.send({ type: 'INVITE_EXPERT', expert: { address: phone, name: 'Sam Expert' } });
    expert = await guestPage(codeIn((await smsTo(phone)).text));
    // The expert waits in the lobby until the agent lets them in.
    await until(
      'the expert in the lobby',
      () => (agent.context.actor!.getSnapshot().matches({ inRoom: { joined: { expert: 'lobby' } } }) ? true : undefined),
      15_000,
    );
    agent.context.send({ type: 'ADMIT_EXPERT' });
    await until('the expert in the call', () => (expert!.state === 'in-call' ? true : undefined), 30_000);
  }
  return { ...agent, expert };
}

async function recordingsOf(
  context: EscalationContextElement,
): Promise<{ service: EscalationServiceClient; id: string; list: RecordingList }> {
  const env = await testEnv();
  const service = new EscalationServiceClient(env.serviceUrl, { token: await agentToken() });
  const id = context.actor!.getSnapshot().context.escalation!.id;
  return { service, id, list: await service.recordings(id) };
}

/** Decodes a recording file the service made, a second in: resolves with where it stands, in seconds. */
async function play(file: RecordingFile, escalationId: string): Promise<number> {
  const env = await testEnv();
  const response = await fetch(`${env.serviceUrl}/escalations/${escalationId}/recordings/${file.id}`, {
    headers: { authorization: `Bearer ${await agentToken()}` },
  });
  expect(response.status).to.equal(200);
  expect(response.headers.get('content-type')).to.equal(file.type);
  const media = document.createElement(file.kind === 'video' ? 'video' : 'audio');
  media.muted = true;
  media.src = URL.createObjectURL(await response.blob());
  document.body.append(media);
  try {
    // Decoded a second in (not only its header read): it plays. (Autoplay rules may pause a
    // play() in a test page, so it is seeked instead.)
    await new Promise((resolve, reject) => {
      media.addEventListener('loadeddata', resolve, { once: true });
      media.addEventListener('error', () => reject(new Error(`${file.type} does not decode`)), { once: true });
    });
    media.currentTime = 1;
    await new Promise((resolve) => media.addEventListener('seeked', resolve, { once: true }));
    expect(media.readyState, 'data at 1 s').to.be.at.least(HTMLMediaElement.HAVE_CURRENT_DATA);
    if (media instanceof HTMLVideoElement) expect(media.videoWidth, 'a picture').to.be.greaterThan(0);
    return media.currentTime;
  } finally {
    media.remove();
    URL.revokeObjectURL(media.src);
  }
}

describe('recording with consent (real Janus, real service)', function () {
  this.timeout(150_000);
  afterEach(() => closeFrames());
  after(() => executeServerCommand('service-reset-throttle'));

  it('records only after the customer agrees, everyone sees it is on, and the files play after the call', async () => {
    const { context, customer, expert } = await onVideoWithExpert(true);
    await until('the tools', () => (buttonRoot(context).querySelector('[part~=record]') ? true : undefined));
    pressTool(context, 'Record the call');
    await until(
      'the agent told',
      () => (recordingLine(context) === 'Asking the customer to agree to recording…' ? true : undefined),
      15_000,
    );
    // Everyone is told before anything is recorded: the expert reads it, the customer is asked.
    await until(
      'the expert told',
      () =>
        partText(expert!, 'camera-notice') === 'The agent is asking the customer whether this call may be recorded.'
          ? true
          : undefined,
      15_000,
    );
    const ask = await until(
      'the customer asked',
      () => customer.shadowRoot!.querySelector('[part=camera-ask]') ?? undefined,
      15_000,
    );
    expect(ask.querySelector('p')!.textContent).to.contain('The agent would like to record this video call');
    expect([...ask.querySelectorAll('button')].map((button) => button.textContent)).to.deep.equal(['I agree', 'Don’t record']);
    expect(customer.shadowRoot!.querySelector('[part=recording]')).to.equal(null);
    await expectAccessibleInFrame(customer);
    ask.querySelector<HTMLButtonElement>('button.primary')!.focus();
    await sendKeys({ press: 'Enter' });

    await until('recording on', () => (recordingLine(context).startsWith('Recording:') ? true : undefined), 15_000);
    for (const room of [customer, expert!])
      await until('the indicator on every page', () => (partText(room, 'recording') === 'Recording' ? true : undefined), 15_000);
    expect([...buttonRoot(context).querySelectorAll('[part~=record]')].map((button) => button.textContent)).to.deep.equal([
      'Stop recording',
    ]);
    await expectAccessibleInFrame(context.querySelector('escalate-button')!);
    await sleep(4000);
    context.send({ type: 'HANGUP' });
    await until('the call ended', () => (agentButton(context).status() === 'Video ended' ? true : undefined), 20_000);

    const made = await until(
      'the recording made into files',
      async () => {
        const { list, id } = await recordingsOf(context);
        return !list.processing && list.files.length > 0 ? { list, id } : undefined;
      },
      60_000,
    );
    const participants = new Set(made.list.files.map((file) => file.participant));
    expect([...participants].sort()).to.deep.equal(['expert', 'guest', 'host']);
    const video = made.list.files.find((file) => file.participant === 'guest' && file.kind === 'video')!;
    const audio = made.list.files.find((file) => file.participant === 'guest' && file.kind === 'audio')!;
    expect([video.type, audio.type]).to.deep.equal(['video/webm', 'audio/ogg']);
    expect(await play(video, made.id)).to.be.at.least(1);
    expect(await play(audio, made.id)).to.be.at.least(1);
  });

  it('records nothing when the customer says no, and the call goes on', async () => {
    const { context, customer } = await onVideoWithExpert(false);
    await until('the tools', () => (buttonRoot(context).querySelector('[part~=record]') ? true : undefined));
    pressTool(context, 'Record the call');
    const ask = await until(
      'the customer asked',
      () => customer.shadowRoot!.querySelector('[part=camera-ask]') ?? undefined,
      15_000,
    );
    // What the customer's page warns of (its console is the frame's own), for a failure to show.
    const customerConsole = customer.ownerDocument.defaultView!.console;
    const warnings: string[] = [];
    const warn = customerConsole.warn.bind(customerConsole);
    customerConsole.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn(...args);
    };
    ask.querySelector<HTMLButtonElement>('button.secondary')!.click();
    const declined = 'The customer said no to recording. Nothing is recorded; the call goes on.';
    await until('the agent told', () => (recordingLine(context) === declined ? true : undefined), 15_000).catch(
      (error: Error) => {
        throw new Error(
          `${error.message}; the line says "${recordingLine(context)}"; recording ${JSON.stringify(context.actor!.getSnapshot().context.tools.recording)}; the customer's page warned: ${warnings.join(' | ')}`,
        );
      },
    );
    expect(agentButton(context).status()).to.equal('On video');
    expect(customer.state).to.equal('in-call');
    expect(customer.shadowRoot!.querySelector('[part=recording]')).to.equal(null);
    await sleep(2000);
    context.send({ type: 'HANGUP' });
    await until('the call ended', () => (agentButton(context).status() === 'Video ended' ? true : undefined), 20_000);
    await sleep(3000);
    const { list } = await recordingsOf(context);
    expect(list).to.deep.equal({ processing: false, files: [] });
  });
});
