// Languages: each element speaks the language of the nearest `lang` (its own, an ancestor's, the
// document's), changes with it on the spot, and draws its first words already in that language;
// Arabic is laid out right to left; figures and lists are written the language's way; the
// service's refusals reach the customer in their language; every shipped table has every key.
import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/define/all.js';
import { en } from '../../src/i18n/english.js';
import type { StringTable } from '../../src/i18n/strings.js';
import { LANGUAGES, matchLanguage, type Language } from '../../src/i18n/languages.js';
import { addEnglish, loadTable, setStrings, tableFrom } from '../../src/i18n/tables.js';
import { strings } from '../../src/i18n/whole-strings.js';
import { enGuest } from '../../src/i18n/guest-strings.js';
import { missingKeys } from '../../src/i18n/missing-keys.js';
import type { Translation } from '../../src/i18n/translation.js';
import { fill, formatList, SECONDS } from '../../src/i18n/format.js';
import es from '../../src/i18n/locales/es.js';
import fr from '../../src/i18n/locales/fr.js';
import de from '../../src/i18n/locales/de.js';
import ptBR from '../../src/i18n/locales/pt-BR.js';
import ar from '../../src/i18n/locales/ar.js';
import { explainCheck } from '../../src/elements/device-check/device-check-words.js';
import { guestErrorWords } from '../../src/elements/video-room/guest-error-words.js';
import { ServiceError } from '../../src/core/service/service-error.js';
import type { EscalationContextElement } from '../../src/elements/escalation-context/escalation-context.js';
import { instantService, settle } from '../support/machine-harness.js';
import { until } from '../support/test-env.js';

const shipped: Record<Exclude<Language, 'en'>, Translation> = { es, fr, de, 'pt-BR': ptBR, ar };

/** Every `{placeholder}` under each key path of a table. */
function placeholders(table: object, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    if (typeof value === 'string')
      found.set(
        `${prefix}${key}`,
        [...value.matchAll(/\{\w+\}/g)]
          .map((m) => m[0])
          .sort()
          .join(' '),
      );
    else if (value && typeof value === 'object')
      placeholders(value as object, `${prefix}${key}.`).forEach((v, k) => found.set(k, v));
  }
  return found;
}

function desk(body: ReturnType<typeof html>) {
  return fixture<HTMLDivElement>(body);
}

const buttonOf = (page: Element) => page.querySelector('escalate-button')!;
const buttonWords = (page: Element) =>
  [...buttonOf(page).shadowRoot!.querySelectorAll('button')].map((button) => button.textContent?.trim());
const contextOf = (page: Element) => page.querySelector<EscalationContextElement>('escalation-context')!;

async function settled(page: Element) {
  await settle();
  await contextOf(page).updateComplete;
  await buttonOf(page).updateComplete;
}

function agentDesk(lang: string, dir?: string) {
  return desk(html`<div lang=${lang} dir=${dir ?? nothing}>
    <escalation-context .machine=${instantService()} interaction-id="call-9" channel="voice" customer-name="Ada"
      customer-phone="+15551231234"><escalate-button></escalate-button></escalation-context>
  </div>`);
}

describe('languages', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
    localStorage.clear();
    sessionStorage.clear();
  });

  it('ships English, Spanish, French, German, Brazilian Portuguese and Arabic, each with every key and the English placeholders', () => {
    expect(LANGUAGES).to.deep.equal(['en', 'es', 'fr', 'de', 'pt-BR', 'ar']);
    const english = placeholders(en);
    for (const [language, table] of Object.entries(shipped)) {
      // The report a translator reads: every key English has that this table lacks.
      expect(missingKeys(table), `${language}: keys missing (they would show in English)`).to.deep.equal([]);
      const theirs = placeholders(table);
      const differing = [...english].filter(([key, marks]) => theirs.get(key) !== marks).map(([key]) => key);
      expect(differing, `${language}: placeholders that differ from English`).to.deep.equal([]);
      const untranslated = [...english.keys()].filter((key) => {
        const path = key.split('.');
        const pick = (t: object) => path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], t);
        return pick(table) === pick(en) && String(pick(en)).length > 12;
      });
      expect(untranslated, `${language}: long strings left in English`).to.deep.equal([]);
    }
  });

  it('shows English for a key a translation leaves out, and lists it', () => {
    // As a guest element does when made: its sections join English.
    addEnglish(enGuest);
    const partial: Translation = { button: { escalate: 'Pasar a video' } };
    const table = tableFrom(partial);
    expect(table.button.escalate).to.equal('Pasar a video');
    expect(table.button.cancel).to.equal(en.button.cancel);
    expect(table.deviceCheck.title).to.equal(en.deviceCheck.title);
    expect(missingKeys(partial)).to.include.members(['button.cancel', 'deviceCheck.title', 'room.roleNames.expert']);
  });

  it('matches a page’s language tag to the closest language it has', () => {
    expect(['es-MX', 'fr-CA', 'DE_at', 'pt', 'pt-PT', 'ar-EG', 'en-GB', 'nl', '', null].map(matchLanguage)).to.deep.equal([
      'es',
      'fr',
      'de',
      'pt-BR',
      'pt-BR',
      'ar',
      'en',
      'en',
      'en',
      'en',
    ]);
  });

  it('draws its first words in the page’s language, never English first', async () => {
    // German has not been fetched in this page yet: the first render waits for it, so the first
    // update that completes is already in German (without the wait it would be English).
    const holder = document.createElement('div');
    holder.lang = 'de';
    const button = document.createElement('escalate-button');
    holder.append(button);
    document.body.append(holder);
    try {
      await button.updateComplete;
      const first = button.shadowRoot!.textContent ?? '';
      expect(strings('de').button.escalate).to.not.equal(en.button.escalate);
      expect(first).to.include(strings('de').button.escalate);
      expect(first).to.not.include(en.button.escalate);
    } finally {
      holder.remove();
    }
  });

  it('follows the nearest lang, the element’s own, an ancestor’s or the document’s, and changes with it', async () => {
    await Promise.all((['es', 'fr', 'pt-BR'] as const).map(loadTable));
    const page = await agentDesk('es');
    await settled(page);
    const escalateIn = (language: Language) => strings(language).button.escalate;
    const shows = (language: Language) =>
      until(
        `the button in ${language}`,
        () => (buttonWords(page)[0] === escalateIn(language) ? true : undefined),
        5000,
        () => buttonWords(page),
      );
    await shows('es');
    page.setAttribute('lang', 'fr-CA');
    await shows('fr');
    buttonOf(page).setAttribute('lang', 'en');
    await shows('en');
    buttonOf(page).removeAttribute('lang');
    page.removeAttribute('lang');
    document.documentElement.setAttribute('lang', 'pt-BR');
    await shows('pt-BR');
    // The context's own words (its status line for screen readers) follow too.
    const status = contextOf(page).shadowRoot!.querySelector('[part=status]')!;
    expect(status.textContent).to.equal(strings('pt-BR').phase.idle);
  });

  it('takes the page’s own words (setStrings) at once, on elements already drawn', async () => {
    const page = await agentDesk('en');
    await settled(page);
    setStrings({ button: { escalate: 'Start video now' } }, 'en');
    await until('the page’s words', () => (buttonWords(page)[0] === 'Start video now' ? true : undefined), 5000);
    setStrings({ button: { escalate: en.button.escalate } }, 'en');
    await until('English again', () => (buttonWords(page)[0] === en.button.escalate ? true : undefined), 5000);
  });

  it('lays Arabic out right to left, unless the page says otherwise, and stays accessible', async () => {
    const page = await agentDesk('ar');
    await settled(page);
    await until('Arabic words', () => (buttonWords(page)[0] === strings('ar').button.escalate ? true : undefined));
    const button = buttonOf(page);
    // No dir on the page: the outermost element writes its own; the ones inside it inherit it.
    expect(contextOf(page).getAttribute('dir')).to.equal('rtl');
    expect(button.hasAttribute('dir')).to.equal(false);
    [...button.shadowRoot!.querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === strings('ar').button.escalate)!
      .click();
    await settled(page);
    const [resend, , cancel] = [...button.shadowRoot!.querySelectorAll('button')];
    expect(resend!.textContent?.trim()).to.equal(strings('ar').button.resend);
    expect(getComputedStyle(resend!).direction).to.equal('rtl');
    // Right to left: the first action is at the right, the last at the left.
    expect(resend!.getBoundingClientRect().left).to.be.greaterThan(cancel!.getBoundingClientRect().left);
    await expect(button).to.be.accessible();

    const ltr = await agentDesk('ar', 'ltr');
    await settled(ltr);
    expect(contextOf(ltr).hasAttribute('dir'), 'a dir the page set wins').to.equal(false);
    expect(getComputedStyle(buttonOf(ltr).shadowRoot!.querySelector('button')!).direction).to.equal('ltr');
  });

  it('writes figures, durations and lists the language’s way', async () => {
    await Promise.all((['de', 'ar', 'es'] as const).map(loadTable));
    const network = {
      problems: [],
      camera: 'ok',
      microphone: 'ok',
      network: { rating: 'good', measurement: { rttMs: 80, lossPercent: 1.5, bitrateKbps: 1200 } },
    } as unknown as Parameters<typeof explainCheck>[2];
    // Intl puts no-break spaces between a figure and its unit: compared as plain spaces.
    const german = explainCheck('network', 'ok', network, strings('de').deviceCheck, 'de').replace(/\s/g, ' ');
    expect(german).to.include('80 ms').and.include('1,5 %').and.include('1.200 kb/s');
    const arabic = explainCheck('network', 'ok', network, strings('ar').deviceCheck, 'ar');
    expect(arabic).to.match(/80\sملي/);
    const countdown = fill(strings('de').button.guestAwayCountdown, 'de', { seconds: { value: 30, format: SECONDS } });
    expect(countdown.replace(/\s/g, ' ')).to.include('30 Sek.');
    expect(formatList('es', ['un número de tarjeta', 'un número de teléfono'])).to.equal(
      'un número de tarjeta y un número de teléfono',
    );
    expect(formatList('en', ['a', 'b', 'c'])).to.equal('a, b, and c');
  });

  it('puts the service’s refusal in the customer’s words: codes come from the service, words from the element', async () => {
    await loadTable('es');
    const refusal = new ServiceError('code-expired', 'Code expired (English, from the service)', 410, { reason: 'replaced' });
    const table: StringTable = strings('es');
    const words = guestErrorWords(refusal, 'ACD-EFH-JKM', table.guestErrors);
    expect(words).to.equal(table.guestErrors.expiredBecause.replaced);
    expect(words).to.not.include('English');
    const unknown = guestErrorWords(new ServiceError('rate-limited', 'Too many', 429), 'ACD-EFH-JKM', table.guestErrors);
    expect(unknown).to.equal(es.guestErrors!['rate-limited']);
  });

  it('speaks the card’s language inside a chat widget marked only on the card', async () => {
    await loadTable('fr');
    const page = await desk(
      html`<div><escalation-join-card lang="fr" code="ACD-EFH-JKM" service-url="http://127.0.0.1:9"></escalation-join-card></div>`,
    );
    const card = page.querySelector('escalation-join-card')!;
    await card.updateComplete;
    const join = card.shadowRoot!.querySelector('button[part=join]')!;
    expect(join.textContent?.trim()).to.equal(strings('fr').joinCard.join);
    expect(card.hasAttribute('dir')).to.equal(false);
    await expect(card).to.be.accessible();
  });
});
