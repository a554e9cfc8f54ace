import { expect } from '@open-wc/testing';
import { createActor, fromCallback } from 'xstate';
import { escalationMachine, selectPhase } from '../../src/core/machine/index.js';
import type { EscalationEvent, RoomListenerInput } from '../../src/core/machine/index.js';
import { serviceActors } from '../../src/core/service/service-actors.js';
import type { AgentServiceApi, ProgressNews } from '../../src/core/service/types.js';
import { fakeEscalation, settle, smsRequest } from '../support/machine-harness.js';

// The service's news, as the escalation's own actors turn it into statechart events: what the
// agent sees when the service moves or ends the call on its own.
function agentWithService() {
  let tell: ((news: ProgressNews) => void) | null = null;
  const closes: string[] = [];
  const service: AgentServiceApi = {
    create: async () => fakeEscalation(),
    deliver: async () => ({ channel: 'sms', status: 'sent' }),
    renewLink: async () => fakeEscalation(),
    removeExpert: async () => undefined,
    claim: async () => null,
    inviteExpert: async () => ({ id: 'expert-1', code: 'EXPERT123', url: 'https://video.example.test/join', expiresAt: 0 }),
    close: async (id, _key, reason) => {
      closes.push(`${id}:${reason}`);
    },
    progress: (_id, listener) => {
      tell = listener;
      return () => {
        tell = null;
      };
    },
  };
  const machine = escalationMachine.provide({
    actors: {
      ...serviceActors(service),
      mediaSession: fromCallback<EscalationEvent, RoomListenerInput>(() => () => undefined),
    },
  });
  const actor = createActor(machine, { input: {} }).start();
  return {
    actor,
    closes,
    async news(item: ProgressNews) {
      expect(tell, 'the machine listens to the service').to.be.a('function');
      tell!(item);
      await settle();
    },
  };
}

describe('service news in the escalation machine', () => {
  it('a room moved to another media server: the agent rejoins it there', async () => {
    const agent = agentWithService();
    agent.actor.send(smsRequest);
    await settle();
    await agent.news({ moved: { server: 'wss://janus-b.example.test/' } });
    expect(agent.actor.getSnapshot().context.escalation?.host.server).to.equal('wss://janus-b.example.test/');
    expect(selectPhase(agent.actor.getSnapshot())).to.equal('linkSent');
  });

  it('the service closed an escalation past its longest: the video ends for the agent too', async () => {
    const agent = agentWithService();
    agent.actor.send(smsRequest);
    await settle();
    await agent.news('joined');
    await agent.news({ closed: 'expired' });
    expect(agent.actor.getSnapshot().status).to.equal('done');
    expect(selectPhase(agent.actor.getSnapshot())).to.equal('closed');
  });

  it('the room vanished from every media server: the agent falls back to voice, told why', async () => {
    const agent = agentWithService();
    agent.actor.send(smsRequest);
    await settle();
    await agent.news('joined');
    await agent.news({ closed: 'room-lost' });
    const snapshot = agent.actor.getSnapshot();
    expect(selectPhase(snapshot)).to.equal('fallbackToVoice');
    expect(snapshot.context.fallbackReason).to.equal('media');
    expect(snapshot.context.lastError).to.equal('the video room is gone from the media server');
  });
});
