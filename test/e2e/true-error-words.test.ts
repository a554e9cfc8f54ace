// Every failure in its own true words, on every side, against the real service and Janus: a
// request the service refuses is not "not answering"; a network test that cannot reach its server
// does not call the customer's connection poor; an escalation the service has lost is noticed by
// the agent's page, and the customer's link says so.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/device-check.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { DeviceCheckResultEvent } from '../../src/events/device-check-result.js';
import { agentButton, agentDesktop, closeFrames, escalateInChat, guestPage, linkToken } from '../support/desk.js';
import { checkLine } from '../support/device-check-view.js';
import { until } from '../support/test-env.js';

describe('failures in true words (real service, real Janus)', function () {
  this.timeout(60_000);
  afterEach(() => closeFrames());
  // Its guest requests all come from this one browser: the next test starts with fresh allowances.
  after(() => executeServerCommand('service-reset-throttle'));

  it('a request the service refuses as too large is said so to the agent, not "not answering"', async () => {
    const agent = await agentDesktop();
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `chat-${crypto.randomUUID()}`, channel: 'chat', customerName: 'x'.repeat(300_000) },
      delivery: { channel: 'chat' },
    });
    const button = agentButton(agent.context);
    await until('the agent told', () => (button.status().startsWith('Back to voice') ? true : undefined), 20_000);
    expect(button.status()).to.equal('Back to voice: The case details are too long to send to the escalation service.');
  });

  it('a request the service refuses as malformed (400) is said so to the agent, not "not answering"', async () => {
    const agent = await agentDesktop();
    agent.context.send({
      type: 'REQUEST',
      interaction: { id: `call-${crypto.randomUUID()}`, channel: 'voice', customerPhone: '555 1234' },
      delivery: { channel: 'sms', to: '555 1234' },
    });
    const button = agentButton(agent.context);
    await until('the agent told', () => (button.status().startsWith('Back to voice') ? true : undefined), 20_000);
    expect(button.status()).to.equal(
      'Back to voice: The escalation service did not accept the details (check the customer’s phone number or e-mail address).',
    );
  });

  it('a network test whose server does not answer says so, and does not rate the connection poor', async () => {
    const el = await fixture<DeviceCheckElement>(html`<device-check server="ws://127.0.0.1:9/janus"></device-check>`);
    const { detail } = (await oneEvent(el, 'device-check-result')) as DeviceCheckResultEvent;
    await el.updateComplete;
    expect(detail.network).to.equal('untested');
    expect(detail.recommendAudioOnly).to.equal(false);
    expect(checkLine(el, 'Connection').textContent).to.contain('the video server did not answer the test');
    expect(el.shadowRoot!.querySelector('[part=summary]')!.textContent).to.equal('Ready for video.');
  });

  it('an escalation the service lost: the agent is told within seconds, and the customer’s link says what is true', async () => {
    const agent = await agentDesktop();
    const { url } = await escalateInChat(agent.context);
    const button = agentButton(agent.context);
    await until('the link out', () => (button.status() === 'Link posted in the chat' ? true : undefined), 15_000);
    await executeServerCommand('service-restart', { freshData: true });
    try {
      const lostAt = performance.now();
      await until('the agent told', () => (button.status() !== 'Link posted in the chat' ? true : undefined), 10_000);
      console.log(`service lost the escalation: the agent told after ${((performance.now() - lostAt) / 1000).toFixed(1)} s`);
      expect(button.status()).to.equal('Back to voice: the video service no longer knows this video session');
      expect(agent.context.actor!.getSnapshot().context.fallbackReason).to.equal('escalation-lost');

      const customer = await guestPage(linkToken(url));
      await until('the customer told', () => (customer.state === 'error' ? true : undefined), 15_000);
      const alert = customer.shadowRoot!.querySelector('[role=alert]')!;
      expect(alert.textContent).to.contain('This link does not lead to a video call any more. Ask your agent for a new link.');
      expect(alert.querySelector('button'), 'no Try again that cannot work').to.equal(null);

      // The agent starts again on the service as it now is: a new room, a new link.
      button.press('Retry video');
      await until('a new link out', () => (button.status() === 'Link posted in the chat' ? true : undefined), 15_000);
      agent.context.send({ type: 'HANGUP' });
    } finally {
      await executeServerCommand('service-restart');
    }
  });
});
