// The desk before <escalation-context>'s statechart has arrived (it is fetched after the first
// render): the button is drawn and takes a press, which is carried out once the statechart runs;
// a saved escalation says it is resuming instead of offering a new one; a statechart that cannot
// be fetched is named as such. The network is stood in for by `statechartLoader`.
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import { setLogLevel } from '../../src/core/logger.js';
import { createEscalationActor } from '../../src/core/machine/persistence.js';
import type { EscalateButtonElement } from '../../src/elements/escalate-button/escalate-button.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import { statechartLoader } from '../../src/elements/escalation-context/escalation-setup.js';
import { instantService, settle, smsRequest } from '../support/machine-harness.js';

const service = instantService();
const fetchForReal = statechartLoader.load;

function buttonOf(context: EscalationContextElement): EscalateButtonElement {
  return context.querySelector('escalate-button')!;
}

function shown(button: EscalateButtonElement): { action: HTMLButtonElement; status: string; reason: string } {
  const root = button.shadowRoot!;
  return {
    action: root.querySelector<HTMLButtonElement>('button[part=action]')!,
    status: root.querySelector('[part=status]')?.textContent?.trim() ?? '',
    reason: root.querySelector('[part=reason]')?.textContent?.trim() ?? '',
  };
}

describe('<escalation-context> before its statechart has loaded', () => {
  afterEach(() => {
    statechartLoader.load = fetchForReal;
    sessionStorage.clear();
    setLogLevel('warn');
  });

  it('takes the press at once and sends the link when the statechart arrives; a saved escalation says it is resuming', async () => {
    // An escalation of another call, saved before a reload, with its link out.
    const saved = createEscalationActor({ machine: service, storage: sessionStorage, storageKey: 'agent-1:call-7' });
    saved.send(smsRequest);
    await settle();
    saved.stop();
    let arrive!: () => void;
    const onItsWay = new Promise<void>((resolve) => (arrive = resolve));
    statechartLoader.load = () => onItsWay.then(fetchForReal);
    const desk = document.createElement('div');
    render(
      html`<escalation-context .machine=${service} interaction-id="call-1" channel="voice" customer-name="Ada" customer-phone="+15551230000"><escalate-button></escalate-button></escalation-context>
        <escalation-context .machine=${service} persist-key="agent-1:call-7" interaction-id="call-7" channel="voice" customer-phone="+15551237777"><escalate-button></escalate-button></escalation-context>`,
      desk,
    );
    document.body.append(desk);
    const [fresh, resumed] = [...desk.querySelectorAll<EscalationContextElement>('escalation-context')] as [
      EscalationContextElement,
      EscalationContextElement,
    ];
    await Promise.all([buttonOf(fresh).updateComplete, buttonOf(resumed).updateComplete]);

    expect(fresh.actor === undefined, 'no statechart yet').to.equal(true);
    const before = shown(buttonOf(fresh));
    expect(before.action.textContent).to.equal('Escalate to video');
    expect(before.action.disabled).to.equal(false);
    const waiting = shown(buttonOf(resumed));
    expect(waiting.action.disabled).to.equal(true);
    expect(waiting.reason).to.equal('Resuming the video session…');
    await expect(buttonOf(fresh)).to.be.accessible();
    await expect(buttonOf(resumed)).to.be.accessible();

    before.action.focus();
    await sendKeys({ press: 'Enter' });
    arrive();
    await Promise.all([fresh.updateComplete, resumed.updateComplete]);
    await settle();
    expect(fresh.state, 'the press made before the statechart arrived').to.equal('linkSent');
    expect(fresh.actor!.getSnapshot().context.delivery).to.deep.include({ channel: 'sms', to: '+15551230000' });
    expect(resumed.state, 'the saved escalation came back').to.equal('linkSent');
    await buttonOf(resumed).updateComplete;
    expect(shown(buttonOf(resumed)).status).to.equal('Link sent by SMS to ••• 1234');
    desk.remove();
  });

  it('says video could not be loaded when the statechart cannot be fetched, and offers nothing', async () => {
    setLogLevel('silent');
    statechartLoader.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    const context = fixtureSync<EscalationContextElement>(
      html`<escalation-context interaction-id="call-1" channel="chat" customer-name="Ada"><escalate-button></escalate-button></escalation-context>`,
    );
    const button = buttonOf(context);
    await button.updateComplete;
    await waitUntil(() => shown(button).reason !== '', 'the button says why it offers nothing');
    expect(shown(button).reason).to.equal('Video could not be loaded. Check the connection and reload the page.');
    expect(shown(button).action.disabled).to.equal(true);
    expect(context.actor === undefined).to.equal(true);
    await expect(button).to.be.accessible();
  });
});
