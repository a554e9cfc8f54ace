import { expect } from '@open-wc/testing';
import { connectFlex, type FlexTask } from '../../src/connectors/twilio-flex.js';
import type { ConnectorError } from '../../src/connectors/task-target.js';
import { StandInContext } from './stand-ins/context.js';
import { flexTask, StandInFlexActions } from './stand-ins/flex-actions.js';

const chatTask = flexTask({
  sid: 'WR0002',
  taskSid: 'WT0002',
  taskChannelUniqueName: 'chat',
  attributes: { conversationSid: 'CH0002', customerName: 'Lee Park', from: 'Lee Park', caseNumber: 'CS-17' },
});
const otherTask = flexTask({ sid: 'WR0009', taskSid: 'WT0009' });

function connected(task: FlexTask = flexTask(), options: Parameters<typeof connectFlex>[3] = {}) {
  const context = new StandInContext();
  const actions = new StandInFlexActions();
  const errors: ConnectorError[] = [];
  const disconnect = connectFlex(context, actions, task, { onError: (error) => errors.push(error), ...options });
  return { context, actions, errors, disconnect };
}

/** Lets a rejected action's promise be handled. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

describe('Twilio Flex connector', () => {
  it('fills the interaction from the task: its sid, voice, the caller’s number, the case attribute', () => {
    const { context } = connected(flexTask({ attributes: { caseNumber: 'CS-2291', issue: 'No dial tone' } }));
    expect(context.interaction).to.deep.equal({
      id: 'WT0001',
      channel: 'voice',
      customerPhone: '+15551230001',
      caseNumber: 'CS-2291',
      issue: 'No dial tone',
    });
    expect(context.mode).to.equal('voice');
  });

  it('a chat task is chat, with the customer’s name', () => {
    const { context } = connected(chatTask);
    expect(context.interaction).to.deep.equal({ id: 'WT0002', channel: 'chat', customerName: 'Lee Park', caseNumber: 'CS-17' });
    expect(context.mode).to.equal('chat');
  });

  it('wrapping up this task sends WRAPUP before Flex wraps it up, completing it TASK_CLOSED', async () => {
    const { context, actions } = connected();
    await actions.invokeAction('WrapupTask', { sid: 'WR0001' });
    expect(context.sentTypes).to.deep.equal(['WRAPUP']);
    expect(actions.log).to.deep.equal(['WrapupTask']);
    await actions.invokeAction('CompleteTask', { task: flexTask() });
    expect(context.sentTypes).to.deep.equal(['WRAPUP', 'TASK_CLOSED']);
  });

  it('a cold transfer sends TASK_TRANSFERRED once Flex made it; a warm one leaves the agent with the customer', async () => {
    const { context, actions } = connected();
    await actions.invokeAction('TransferTask', { sid: 'WR0001', targetSid: 'WK0042', options: { mode: 'WARM' } });
    expect(context.sent).to.deep.equal([]);
    actions.failing.add('TransferTask');
    await actions
      .invokeAction('TransferTask', { sid: 'WR0001', targetSid: 'WK0042', options: { mode: 'COLD' } })
      .catch(() => undefined);
    expect(context.sent, 'a transfer that failed').to.deep.equal([]);
    actions.failing.clear();
    await actions.invokeAction('TransferTask', { task: { taskSid: 'WT0001' }, targetSid: 'WK0042', options: { mode: 'COLD' } });
    expect(context.sent).to.deep.equal([{ type: 'TASK_TRANSFERRED', to: 'WK0042' }]);
  });

  it('ignores actions on other tasks, named by sid or by task', async () => {
    const { context, actions } = connected();
    await actions.invokeAction('WrapupTask', { sid: 'WR0009' });
    await actions.invokeAction('CompleteTask', { task: otherTask });
    await actions.invokeAction('TransferTask', { sid: 'WR0009', targetSid: 'WK0042' });
    await actions.invokeAction('WrapupTask', {});
    expect(context.sent).to.deep.equal([]);
  });

  it('posts the chat link into this task’s conversation with SendMessage, in the host’s words', async () => {
    const { context, actions } = connected(chatTask, { message: (url) => `Video: ${url}` });
    context.announceLink({ url: 'https://video.example.com/join#code=x', channel: 'chat' });
    await settle();
    expect(actions.messages).to.deep.equal([{ body: 'Video: https://video.example.com/join#code=x', conversationSid: 'CH0002' }]);
  });

  it('does not post a link the service sends itself (SMS, e-mail)', async () => {
    const { context, actions, errors } = connected(chatTask);
    context.announceLink({ channel: 'sms', to: '+15551230001' });
    await settle();
    expect(actions.messages).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('a link Flex could not post is reported with the link, so nothing is lost', async () => {
    const { context, actions, errors } = connected(chatTask);
    actions.failing.add('SendMessage');
    context.announceLink({ url: 'https://video.example.com/join#code=y' });
    await settle();
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('link-not-posted');
    expect(errors[0]!.details.link).to.equal('https://video.example.com/join#code=y');
    expect(errors[0]!.message).to.contain('SendMessage failed');
  });

  it('a chat link for a task without a conversation (a call) is reported, not lost', async () => {
    const { context, actions, errors } = connected();
    context.announceLink({ channel: 'host', url: 'https://video.example.com/join#code=z' });
    await settle();
    expect(actions.messages).to.deep.equal([]);
    expect(errors.map((error) => error.details.link)).to.deep.equal(['https://video.example.com/join#code=z']);
    expect(errors[0]!.message).to.contain('task WT0001 has no conversation');
  });

  it('disconnecting removes every listener it added: Flex’s and the link’s', async () => {
    const { context, actions, disconnect } = connected(chatTask);
    expect(actions.listenerCount).to.equal(3);
    expect(context.linkListenerCount).to.equal(1);
    disconnect();
    disconnect();
    expect(actions.listenerCount).to.equal(0);
    expect(context.linkListenerCount).to.equal(0);
    await actions.invokeAction('WrapupTask', { sid: 'WR0002' });
    context.announceLink();
    await settle();
    expect(context.sent).to.deep.equal([]);
    expect(actions.messages).to.deep.equal([]);
  });

  it('a context that refuses the event gives an error carrying it', async () => {
    const { context, actions, errors } = connected();
    context.connected = false;
    await actions.invokeAction('CompleteTask', { sid: 'WR0001' });
    expect(errors.map((error) => [error.code, error.details.event])).to.deep.equal([['send-failed', { type: 'TASK_CLOSED' }]]);
  });

  it('refuses, with a clear TypeError, something that is not Flex’s Actions or a task', () => {
    const context = new StandInContext();
    expect(() => connectFlex(context, {} as never, flexTask())).to.throw(TypeError, /Flex's Actions/);
    expect(() => connectFlex(context, new StandInFlexActions(), {} as never)).to.throw(TypeError, /ITask with sid and taskSid/);
    expect(context.interaction).to.equal(undefined);
  });
});
