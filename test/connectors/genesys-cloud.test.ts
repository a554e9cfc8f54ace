import { expect } from '@open-wc/testing';
import { connectGenesysCloud, conversationIdFromUrl } from '../../src/connectors/genesys-cloud.js';
import type { ConnectorError } from '../../src/connectors/task-target.js';
import { StandInContext } from './stand-ins/context.js';
import { AGENT, conversation, StandInClientApp, StandInConversationSource } from './stand-ins/genesys.js';

const ID = 'c0ffee00-0000-4000-8000-000000000001';

function connected(options: Partial<Parameters<typeof connectGenesysCloud>[3]> = {}) {
  const context = new StandInContext();
  const clientApp = new StandInClientApp();
  const source = new StandInConversationSource();
  const errors: ConnectorError[] = [];
  const disconnect = connectGenesysCloud(context, clientApp, source, {
    userId: AGENT,
    conversationId: ID,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { context, clientApp, source, errors, disconnect };
}

describe('Genesys Cloud connector', () => {
  it('reads the conversation id the app’s URL template filled in, and says so when it is missing', () => {
    expect(conversationIdFromUrl(`https://widgets.example.com/genesys.html?conversationId=${ID}&gcHostOrigin=x`)).to.equal(ID);
    expect(() => conversationIdFromUrl('https://widgets.example.com/genesys.html')).to.throw(
      /\?conversationId=\{\{pcConversationId\}\}/,
    );
    // Opened outside an interaction, Genesys Cloud leaves the template as it is.
    expect(() => conversationIdFromUrl('https://widgets.example.com/genesys.html?conversationId={{pcConversationId}}')).to.throw(
      /has no conversationId/,
    );
  });

  it('fills the interaction from the conversation: voice, the customer’s name and number, case and issue from participant data', () => {
    const { context, source } = connected();
    source.update(conversation(ID));
    expect(context.interaction).to.deep.equal({
      id: ID,
      channel: 'voice',
      customerName: 'Dana Fox',
      customerPhone: '+15557654321',
      caseNumber: 'CS-2291',
      issue: 'Router blinks red',
    });
    expect(context.mode).to.equal('voice');
  });

  it('when the agent’s leg disconnects sends TASK_CLOSED, when their wrap-up is in WRAPUP, each once', () => {
    const { context, source } = connected();
    source.update(conversation(ID));
    expect(context.sent).to.deep.equal([]);
    source.update(conversation(ID, { agentState: 'disconnected', disconnectType: 'client' }));
    source.update(conversation(ID, { agentState: 'disconnected', disconnectType: 'client' }));
    source.update(conversation(ID, { agentState: 'terminated', disconnectType: 'client', wrapupCode: 'resolved' }));
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED', 'WRAPUP']);
  });

  it('a leg the agent transferred sends TASK_TRANSFERRED, a transfer that did not happen does not', () => {
    const { context, source } = connected();
    source.update(conversation(ID, { agentState: 'connected', disconnectType: 'transfer.noanswer' }));
    expect(context.sent).to.deep.equal([]);
    source.update(conversation(ID, { agentState: 'disconnected', disconnectType: 'transfer' }));
    expect(context.sentTypes).to.deep.equal(['TASK_TRANSFERRED']);
  });

  it('ignores other conversations, and other agents’ legs of this one', () => {
    const { context, source } = connected();
    source.update(conversation('another-conversation', { agentState: 'disconnected', wrapupCode: 'done' }));
    expect(context.interaction).to.equal(undefined);
    // Transferred to this agent: the one who had it before left; this agent's leg is live.
    source.update(
      conversation(ID, {
        agentId: 'user-before',
        agentState: 'disconnected',
        disconnectType: 'transfer',
        wrapupCode: 'transferred',
        extraParticipants: [{ purpose: 'agent', userId: AGENT, calls: [{ state: 'connected' }] }],
      }),
    );
    expect(context.interaction?.id).to.equal(ID);
    expect(context.sent).to.deep.equal([]);
  });

  it('puts a chat link into the agent’s reply box; a call’s link goes by SMS and is not put there', () => {
    const { context, clientApp, source } = connected({ message: (url) => `Video: ${url}` });
    source.update(conversation(ID, { media: 'messages' }));
    expect(context.interaction?.channel).to.equal('chat');
    context.announceLink({ url: 'https://video.example.com/join#code=x', channel: 'chat' });
    context.announceLink({ channel: 'sms' });
    expect(clientApp.proposed).to.deep.equal(['Video: https://video.example.com/join#code=x']);

    const call = connected();
    call.source.update(conversation(ID));
    call.context.announceLink({ channel: 'host' });
    expect(call.clientApp.proposed).to.deep.equal([]);
  });

  it('a link the desktop refused is reported with the link', () => {
    const { context, clientApp, source, errors } = connected();
    source.update(conversation(ID, { media: 'messages' }));
    clientApp.failWith = new Error('no interaction is bound');
    context.announceLink({ url: 'https://video.example.com/join#code=y' });
    expect(errors.map((error) => [error.code, error.details.link])).to.deep.equal([
      ['link-not-posted', 'https://video.example.com/join#code=y'],
    ]);
    expect(errors[0]!.message).to.contain('no interaction is bound');
  });

  it('an update without participants is reported, and the next one still counts', () => {
    const { context, source, errors } = connected();
    source.update({ id: ID } as never);
    expect(errors.map((error) => error.code)).to.deep.equal(['bad-event']);
    source.update(conversation(ID, { agentState: 'disconnected' }));
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED']);
  });

  it('a context that refuses the end gives an error carrying it, and it is sent at the next update', () => {
    const { context, source, errors } = connected();
    context.connected = false;
    source.update(conversation(ID, { agentState: 'disconnected' }));
    expect(errors.map((error) => error.details.event)).to.deep.equal([{ type: 'TASK_CLOSED' }]);
    context.connected = true;
    source.update(conversation(ID, { agentState: 'disconnected' }));
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED']);
  });

  it('disconnecting unsubscribes and removes the link listener', () => {
    const { context, clientApp, source, disconnect } = connected();
    source.update(conversation(ID, { media: 'messages' }));
    disconnect();
    disconnect();
    expect(source.listenerCount).to.equal(0);
    expect(context.linkListenerCount).to.equal(0);
    source.update(conversation(ID, { agentState: 'disconnected' }));
    context.announceLink();
    expect(context.sent).to.deep.equal([]);
    expect(clientApp.proposed).to.deep.equal([]);
  });

  it('refuses missing arguments with clear errors', () => {
    const context = new StandInContext();
    const source = new StandInConversationSource();
    expect(() => connectGenesysCloud(context, {} as never, source, { userId: AGENT, conversationId: ID })).to.throw(
      TypeError,
      /ClientApp/,
    );
    expect(() =>
      connectGenesysCloud(context, new StandInClientApp(), {} as never, { userId: AGENT, conversationId: ID }),
    ).to.throw(TypeError, /subscribe/);
    expect(() => connectGenesysCloud(context, new StandInClientApp(), source, { conversationId: ID } as never)).to.throw(
      TypeError,
      /userId/,
    );
    // The test page's URL has no conversationId.
    expect(() => connectGenesysCloud(context, new StandInClientApp(), source, { userId: AGENT })).to.throw(
      /has no conversationId/,
    );
    expect(source.listenerCount).to.equal(0);
  });
});
