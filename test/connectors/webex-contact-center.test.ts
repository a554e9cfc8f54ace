import { expect } from '@open-wc/testing';
import { connectWebexContactCenter } from '../../src/connectors/webex-contact-center.js';
import type { ConnectorError, TaskEventTarget } from '../../src/connectors/task-target.js';
import { StandInContext } from './stand-ins/context.js';
import { contactMessage, StandInDesktop, type TaskFields } from './stand-ins/wxcc-desktop.js';

const call: TaskFields = {
  interactionId: 'call-42',
  mediaType: 'telephony',
  ani: '+15551231234',
  customerName: 'Dana Fox',
  cad: { caseNumber: 'CS-2291', issue: 'Router blinks red' },
};
const otherCall: TaskFields = { interactionId: 'call-43', ani: '+15559990000' };

/** Lets the task map's promise answer. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

function connected(context = new StandInContext(), options: Parameters<typeof connectWebexContactCenter>[2] = {}) {
  const desktop = new StandInDesktop();
  const errors: ConnectorError[] = [];
  const disconnect = connectWebexContactCenter(context, desktop, { onError: (error) => errors.push(error), ...options });
  return {
    context,
    desktop,
    errors,
    disconnect,
    emit: (name: string, fields: TaskFields) => desktop.agentContact.emit(name, contactMessage(fields)),
  };
}

describe('Webex Contact Center connector', () => {
  it('fills the interaction from the task assigned: id, voice, the customer, their number and the case from call-associated data', () => {
    const { context, emit } = connected();
    emit('eAgentContactAssigned', call);
    expect(context.interaction).to.deep.equal({
      id: 'call-42',
      channel: 'voice',
      customerName: 'Dana Fox',
      customerPhone: '+15551231234',
      caseNumber: 'CS-2291',
      issue: 'Router blinks red',
    });
    expect(context.mode).to.equal('voice');
    expect(context.sent).to.deep.equal([]);
  });

  it('takes a chat (or any written channel) as chat, so the video carries the sound', () => {
    const { context, emit } = connected();
    emit('eAgentContactAssigned', { interactionId: 'chat-7', mediaType: 'chat', customerName: 'Lee' });
    expect(context.interaction).to.include({ id: 'chat-7', channel: 'chat', customerName: 'Lee' });
    expect(context.mode).to.equal('chat');
  });

  it('ends the escalation when this task ends, and again when it is wrapped up', () => {
    const { context, emit } = connected();
    emit('eAgentContactAssigned', call);
    emit('eAgentContactEnded', call);
    emit('eAgentContactWrappedUp', call);
    expect(context.sent).to.deep.equal([{ type: 'TASK_CLOSED' }, { type: 'WRAPUP' }]);
  });

  it('a blind, queue or consult transfer of this task sends TASK_TRANSFERRED, naming the agent it went to', () => {
    for (const name of ['eAgentblindTransferred', 'eAgentvteamTransfer', 'eConsultTransfer']) {
      const { context, emit } = connected();
      emit('eAgentContactAssigned', call);
      emit(name, { ...call, destAgentId: name === 'eAgentvteamTransfer' ? '' : 'agent-9' });
      expect(context.sent, name).to.deep.equal([
        name === 'eAgentvteamTransfer' ? { type: 'TASK_TRANSFERRED' } : { type: 'TASK_TRANSFERRED', to: 'agent-9' },
      ]);
    }
  });

  it("ignores the agent's other tasks: their end, wrap-up, transfer and data", () => {
    const { context, emit } = connected();
    emit('eAgentContactAssigned', call);
    emit('eAgentContactAssigned', otherCall);
    emit('eAgentContactEnded', otherCall);
    emit('eAgentContactWrappedUp', otherCall);
    emit('eAgentblindTransferred', otherCall);
    expect(context.sent).to.deep.equal([]);
    expect(context.interaction?.id).to.equal('call-42');
    expect(context.interaction?.customerPhone).to.equal('+15551231234');
  });

  it('follows the task the host named in the context, not the next one assigned', () => {
    const { context, emit } = connected(new StandInContext({ id: 'call-43', issue: 'From the CRM' }));
    emit('eAgentContactAssigned', call);
    emit('eAgentContactEnded', call);
    expect(context.sent).to.deep.equal([]);
    emit('eAgentContact', otherCall); // the desktop reloaded: the task's data arrives again
    expect(context.interaction).to.include({ id: 'call-43', customerPhone: '+15559990000', issue: 'From the CRM' });
    emit('eAgentContactEnded', otherCall);
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED']);
  });

  it('a widget made after its task was assigned finds the task in the desktop’s task map', async () => {
    const desktop = new StandInDesktop();
    desktop.hasTask(call);
    const context = new StandInContext();
    connectWebexContactCenter(context, desktop);
    await settle();
    expect(context.interaction).to.include({ id: 'call-42', customerName: 'Dana Fox' });
    desktop.agentContact.emit('eAgentContactEnded', contactMessage(call));
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED']);
  });

  it('once the task it found has ended, follows the next task assigned (a widget that stays between tasks)', () => {
    const { context, emit } = connected();
    emit('eAgentContactAssigned', call);
    emit('eAgentContactAssigned', otherCall); // a second task while the first is live: not this one's
    expect(context.interaction?.id).to.equal('call-42');
    emit('eAgentContactEnded', call);
    emit('eAgentContactWrappedUp', call);
    emit('eAgentContactAssigned', { interactionId: 'call-44', ani: '+15550004444' });
    // Another customer: nothing of the last one stays.
    expect(context.interaction).to.deep.equal({ id: 'call-44', channel: 'voice', customerPhone: '+15550004444' });
    emit('eAgentContactEnded', { interactionId: 'call-44' });
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED', 'WRAPUP', 'TASK_CLOSED']);
  });

  it('a widget the desktop moves (maximized) is reconnected and still gives way to the next task once its own ended', () => {
    const desktop = new StandInDesktop();
    const context = new StandInContext();
    const emit = (name: string, fields: TaskFields) => desktop.agentContact.emit(name, contactMessage(fields));
    const disconnect = connectWebexContactCenter(context, desktop);
    emit('eAgentContactAssigned', call);
    emit('eAgentContactEnded', call);
    disconnect();
    connectWebexContactCenter(context, desktop);
    emit('eAgentContactAssigned', otherCall);
    expect(context.interaction?.id).to.equal('call-43');
    emit('eAgentContactEnded', otherCall);
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED', 'TASK_CLOSED']);
  });

  it('disconnecting removes every listener it added, and the desktop’s later events reach nothing', () => {
    const { context, desktop, emit, disconnect } = connected();
    expect(desktop.agentContact.eventNames).to.have.members([
      'eAgentContact',
      'eAgentContactAssigned',
      'eAgentContactAniUpdated',
      'eAgentContactEnded',
      'eAgentContactWrappedUp',
      'eAgentblindTransferred',
      'eAgentvteamTransfer',
      'eConsultTransfer',
    ]);
    disconnect();
    disconnect();
    expect(desktop.agentContact.listenerCount).to.equal(0);
    emit('eAgentContactAssigned', call);
    emit('eAgentContactEnded', call);
    expect(context.interaction).to.equal(undefined);
    expect(context.sent).to.deep.equal([]);
  });

  it('an event without an interaction id is reported, and the next one still arrives', () => {
    const { context, desktop, errors, emit } = connected();
    emit('eAgentContactAssigned', call);
    desktop.agentContact.emit('eAgentContactEnded', { type: 'AgentContactEnded', data: {} });
    desktop.agentContact.emit('eAgentContactEnded', undefined);
    expect(errors.map((error) => [error.code, error.message])).to.deep.equal([
      ['bad-event', 'webex-contact-center: eAgentContactEnded carried no interactionId; ignored'],
      ['bad-event', 'webex-contact-center: eAgentContactEnded carried no interactionId; ignored'],
    ]);
    emit('eAgentContactEnded', call);
    expect(context.sentTypes).to.deep.equal(['TASK_CLOSED']);
  });

  it('a context that refuses the event (taken out of the page) gives an error carrying the event, and the next one is delivered', () => {
    const { context, errors, emit } = connected();
    emit('eAgentContactAssigned', call);
    context.connected = false;
    emit('eAgentContactEnded', call);
    expect(errors).to.have.length(1);
    expect(errors[0]!.code).to.equal('send-failed');
    expect(errors[0]!.details.event).to.deep.equal({ type: 'TASK_CLOSED' });
    expect(errors[0]!.message).to.contain('could not send TASK_CLOSED: escalation-context: not connected');
    context.connected = true;
    emit('eAgentContactWrappedUp', call);
    expect(context.sentTypes).to.deep.equal(['WRAPUP']);
  });

  it('an ANI that is not E.164 is left out (no SMS can go to it), unless toE164 converts it', () => {
    const national = { ...call, ani: '0875551234' };
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const { context, emit } = connected();
      emit('eAgentContactAssigned', national);
      expect(context.interaction).to.include({ id: 'call-42', customerName: 'Dana Fox' });
      expect(context.interaction).not.to.have.property('customerPhone');
      expect(String(warnings[0]?.[1])).to.contain('"0875551234" is not an E.164 number');
    } finally {
      console.warn = warn;
    }
    const { context, emit } = connected(undefined, { toE164: (ani) => `+353${ani.slice(1)}` });
    emit('eAgentContactAssigned', national);
    expect(context.interaction?.customerPhone).to.equal('+353875551234');
  });

  it('reads the case from the variables the team uses', () => {
    const { context, emit } = connected(undefined, { caseNumberVariable: 'ticket', issueVariable: 'reason' });
    emit('eAgentContactAssigned', { ...call, cad: { ticket: 'T-77', reason: 'No signal' } });
    expect(context.interaction).to.include({ caseNumber: 'T-77', issue: 'No signal' });
  });

  it('refuses, with a clear TypeError, something that is not the SDK’s Desktop', () => {
    expect(() => connectWebexContactCenter(new StandInContext(), {} as never)).to.throw(
      TypeError,
      /Desktop object of @wxcc-desktop\/sdk/,
    );
    expect(() => connectWebexContactCenter(new StandInContext(), undefined as never)).to.throw(TypeError);
  });

  it('mirrors the layout’s darkmode binding ($STORE.app.darkMode) into the elements’ theme', async () => {
    const element = Object.assign(document.createElement('div'), {
      interaction: undefined,
      send: () => undefined,
    }) as HTMLDivElement & TaskEventTarget;
    element.setAttribute('darkmode', 'true');
    const disconnect = connectWebexContactCenter(element, new StandInDesktop());
    expect(element.getAttribute('theme')).to.equal('dark');
    element.setAttribute('darkmode', 'false');
    await settle();
    expect(element.getAttribute('theme')).to.equal('light');
    disconnect();
    element.setAttribute('darkmode', 'true');
    await settle();
    expect(element.getAttribute('theme')).to.equal('light');
  });
});
