// <video-room> inside <escalation-context>: the escalation says which room, the room reports its
// media back, and hanging up ends the escalation.
import { expect, fixture, html } from '@open-wc/testing';
import { fromPromise } from 'xstate';
import '../../src/define/escalation-context.js';
import '../../src/define/video-room.js';
import type { CloseEscalationInput } from '../../src/core/machine/index.js';
import { LoopbackAdapter } from '../../src/core/media/loopback/loopback-adapter.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { fakeEscalation, instantService, smsRequest } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

describe('<video-room> in an escalation', function () {
  this.timeout(30_000);

  it('joins the escalation room muted (voice mode), reports media, and hangs up the escalation', async () => {
    const room = `r-${crypto.randomUUID()}`;
    const closed: string[] = [];
    const machine = instantService(() => ({ ...fakeEscalation(), host: { server: 'loopback', room, token: '' } })).provide({
      actors: {
        closeEscalation: fromPromise<void, CloseEscalationInput>(
          async ({ input }) => void closed.push(input.escalation?.id ?? 'none'),
        ),
      },
    });
    const adapter = new LoopbackAdapter({ heartbeatMs: 250, dropAfterMs: 1000 });
    const context = await fixture<EscalationContextElement>(html`<escalation-context .machine=${machine} mode="voice">
      <video-room .mediaAdapter=${adapter}></video-room>
    </escalation-context>`);
    const videoRoom = context.querySelector<VideoRoomElement>('video-room')!;
    expect(videoRoom.state).to.equal('idle');
    context.send(smsRequest);
    await until('the agent to wait in the escalation room', () => (videoRoom.state === 'waiting' ? true : undefined));
    expect(videoRoom.currentRoom?.room).to.equal(room);
    await until('the escalation to hear media is up', () =>
      context.actor!.getSnapshot().context.agentMediaConnected ? true : undefined,
    );
    const mic = videoRoom.shadowRoot!.querySelector('button.mic')!;
    expect(mic.getAttribute('aria-pressed'), 'microphone muted in voice mode').to.equal('true');
    // The agent's call ends with the escalation's one End video (here sent as the button would), not a room control of its own.
    expect(videoRoom.shadowRoot!.querySelector('button.hang-up')).to.equal(null);
    context.send({ type: 'HANGUP' });
    await until('the escalation to end', () => (context.actor!.getSnapshot().status === 'done' ? true : undefined));
    expect(closed).to.deep.equal(['esc-1']);
    await until('the room to be left', () => (videoRoom.state === 'left' ? true : undefined));
    expect(videoRoom.mediaSession).to.equal(undefined);
  });
});
