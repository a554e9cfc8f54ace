// Theming from the page: colours a page sets on an ancestor reach inside the elements; a dark
// scheme from the page's `color-scheme`, the system's preference (`theme="auto"`) or the
// element's `theme` attribute, readable (axe) in each; a contrast theme (forced colours) keeps
// the meter's level and the buttons' edges visible.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import '../../src/define/all.js';
import type { DeviceCheckElement } from '../../src/elements/device-check/device-check.js';
import type { EscalationJoinCardElement } from '../../src/elements/escalation-join-card/escalation-join-card.js';
import { instantService } from '../support/machine-harness.js';

const service = instantService();
const DARK_SURFACE = 'rgb(17, 24, 39)';
const LIGHT_SURFACE = 'rgb(255, 255, 255)';

function cardOf(card: EscalationJoinCardElement): HTMLElement {
  return card.shadowRoot!.querySelector<HTMLElement>('.card')!;
}

describe('themes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await executeServerCommand('media-features', { features: null });
  });

  it('takes colours a page sets on an ancestor, shared or per element', async () => {
    const page =
      await fixture<HTMLDivElement>(html`<div style="--escalate-accent: rgb(1, 2, 3); --join-card-border: rgb(4, 5, 6)">
      <escalation-context .machine=${service} interaction-id="call-1" channel="chat" customer-name="Ada"><escalate-button></escalate-button></escalation-context>
      <escalation-join-card code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card>
    </div>`);
    const context = page.querySelector('escalation-context')!;
    await context.updateComplete;
    const button = page.querySelector('escalate-button')!;
    await button.updateComplete;
    const escalate = button.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!;
    expect(getComputedStyle(escalate).backgroundColor).to.equal('rgb(1, 2, 3)');
    const card = page.querySelector<EscalationJoinCardElement>('escalation-join-card')!;
    await card.updateComplete;
    expect(getComputedStyle(cardOf(card)).borderTopColor).to.equal('rgb(4, 5, 6)');
    expect(getComputedStyle(card.shadowRoot!.querySelector('button[part=join]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('is dark by the page’s colour scheme, by the system’s with theme="auto", and by its own theme attribute', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <div style="color-scheme: dark"><escalation-join-card id="by-page" code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card></div>
      <escalation-join-card id="by-system" theme="auto" code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card>
      <escalation-join-card id="by-attribute" theme="dark" code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card>
      <escalation-join-card id="plain" code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card>
    </div>`);
    const card = (id: string) => page.querySelector<EscalationJoinCardElement>(`#${id}`)!;
    await Promise.all(['by-page', 'by-system', 'by-attribute', 'plain'].map((id) => card(id).updateComplete));
    const surface = (id: string) => getComputedStyle(cardOf(card(id))).backgroundColor;
    expect(surface('by-page')).to.equal(DARK_SURFACE);
    expect(surface('by-attribute')).to.equal(DARK_SURFACE);
    expect(surface('by-system'), 'the system says light').to.equal(LIGHT_SURFACE);
    expect(surface('plain')).to.equal(LIGHT_SURFACE);
    await emulateMedia({ colorScheme: 'dark' });
    expect(surface('by-system'), 'the system says dark').to.equal(DARK_SURFACE);
    expect(surface('plain'), 'a page that did not opt in stays light').to.equal(LIGHT_SURFACE);
    expect(getComputedStyle(cardOf(card('by-attribute'))).color).to.equal('rgb(249, 250, 251)');
    await expect(card('by-attribute')).to.be.accessible();
    await expect(card('by-page')).to.be.accessible();
  });

  it('keeps the microphone level and the buttons’ edges visible in a contrast theme', async () => {
    await executeServerCommand('media-features', { features: [{ name: 'forced-colors', value: 'active' }] });
    expect(matchMedia('(forced-colors: active)').matches, 'forced colours emulated').to.equal(true);
    const check = await fixture<DeviceCheckElement>(html`<device-check></device-check>`);
    const bar = await new Promise<HTMLElement>((resolve) => {
      const look = () => {
        const found = check.shadowRoot?.querySelector<HTMLElement>('[part=meter] > .level');
        if (found) resolve(found);
        else setTimeout(look, 50);
      };
      look();
    });
    const track = bar.parentElement!;
    expect(getComputedStyle(bar).backgroundColor, 'the level is drawn').to.not.equal(getComputedStyle(track).backgroundColor);
    expect(getComputedStyle(track).borderTopStyle).to.equal('solid');
    const card = await fixture<EscalationJoinCardElement>(
      html`<escalation-join-card code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card>`,
    );
    const join = card.shadowRoot!.querySelector<HTMLElement>('button[part=join]')!;
    expect(getComputedStyle(join).borderTopWidth).to.equal('1px');
    expect(getComputedStyle(join).borderTopColor, 'an edge a contrast theme draws').to.not.equal('rgba(0, 0, 0, 0)');
  });
});
