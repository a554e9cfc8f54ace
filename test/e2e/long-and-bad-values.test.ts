// What a host page may throw at the elements: a 100 KB name keeps the page its own width (the name
// is cut with an ellipsis, the whole of it in the caption's title), and an interaction field that
// is not text is left out with a console error while the widget keeps working on the real service.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define/escalation-context.js';
import '../../src/define/escalate-button.js';
import '../../src/define/video-room.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import type { VideoRoomElement } from '../../src/elements/video-room/video-room.js';
import { selectPhase } from '../../src/core/machine/selectors.js';
import { agentToken, createJanusRoom, testEnv, until } from '../support/test-env.js';

describe('long and bad values from the host page', function () {
  this.timeout(60_000);

  it('keeps the page its width with a 100 KB display name, the name cut and whole in the title', async () => {
    const env = await testEnv();
    const { room, token } = await createJanusRoom();
    const longName = 'Wolfeschlegelsteinhausenbergerdorff '.repeat(3000);
    const box = await fixture<HTMLDivElement>(html`<div style="width: 420px">
      <video-room style="height: 260px" server=${env.janusWsUrl} room=${room} token=${token} participant-role="host" display-name="Agent Smith"></video-room>
      <video-room style="height: 260px" server=${env.janusWsUrl} room=${room} token=${token} participant-role="guest" .displayName=${longName}></video-room>
    </div>`);
    const [agent, guest] = [...box.querySelectorAll<VideoRoomElement>('video-room')];
    try {
      const caption = await until(
        'the agent to see the guest',
        () => agent!.shadowRoot!.querySelector<HTMLElement>('[part=tile] figcaption') ?? undefined,
        30_000,
      );
      expect(document.documentElement.scrollWidth, 'the page is as wide as the window').to.be.at.most(window.innerWidth);
      const tile = agent!.shadowRoot!.querySelector('[part=tile]')!.getBoundingClientRect();
      expect(caption.getBoundingClientRect().width).to.be.at.most(tile.width);
      expect(tile.width).to.be.at.most(420);
      expect(caption.title.startsWith('Wolfeschlegelsteinhausenbergerdorff Wolfe')).to.equal(true);
      expect(caption.title.length, 'the name as sent, at most 200 characters').to.be.at.most(200);
    } finally {
      await Promise.all([agent!.leave('ended'), guest!.leave('ended')]);
    }
  });

  it('leaves out a case field that is not text, says so in the console, and still escalates', async () => {
    const env = await testEnv();
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const interaction = {
        id: `chat-${crypto.randomUUID()}`,
        channel: 'chat',
        customerName: {
          toString() {
            throw new Error('not text');
          },
        },
        caseNumber: 'C-4711',
      };
      const context = await fixture<EscalationContextElement>(html`<escalation-context
        mode="chat"
        service-url=${env.serviceUrl}
        token=${await agentToken()}
        .interaction=${interaction as never}
        ><escalate-button></escalate-button
      ></escalation-context>`);
      const panel = context.shadowRoot!.querySelector('[part=case]')!;
      expect(panel.textContent).to.contain('C-4711');
      expect(errors.map((args) => args.join(' ')).join('\n')).to.contain('"customerName" (object) is not text');
      const button = context
        .querySelector('escalate-button')!
        .shadowRoot!.querySelector<HTMLButtonElement>('button[part=action]')!;
      expect(button.textContent).to.equal('Escalate to video');
      button.click();
      await until(
        'the link out',
        () => (selectPhase(context.actor!.getSnapshot()) === 'linkSent' ? true : undefined),
        15_000,
        () => {
          const snapshot = context.actor!.getSnapshot();
          return { state: snapshot.value, error: snapshot.context.lastError, code: snapshot.context.lastErrorCode };
        },
      );
      context.send({ type: 'CANCEL' });
    } finally {
      console.error = original;
    }
  });
});
