// An element's language: the nearest `lang` (the element's own, an ancestor's, across shadow roots,
// the document's; else the browser's), followed live. It gives the element its words, holds its
// first render until they are here (no flash of English), and writes a right-to-left language
// right to left when nothing around says which way.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { directionOf, matchLanguage, type Language } from '../i18n/languages.js';
import { addEnglish, loadTable, onTablesChange, tableOf } from '../i18n/tables.js';
import type { StringTable } from '../i18n/strings.js';
import { logger } from '../core/logger.js';

type Host = ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean };

/** How long a first render waits for its words before it shows English (they follow when here). */
const FIRST_WORDS_WAIT_MS = 3000;

const connected = new Set<LocaleController>();
let observer: MutationObserver | undefined;
let unsubscribe: (() => void) | undefined;

/** One observer for the whole document: a `lang` or `dir` changed anywhere, so each looks again. */
function watch(controller: LocaleController): void {
  connected.add(controller);
  if (observer) return;
  observer = new MutationObserver(() => connected.forEach((each) => each.resolve()));
  observer.observe(document, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
  unsubscribe = onTablesChange(() => connected.forEach((each) => each.resolve()));
}

function unwatch(controller: LocaleController): void {
  connected.delete(controller);
  if (connected.size > 0) return;
  observer?.disconnect();
  unsubscribe?.();
  observer = undefined;
}

/**
 * The attribute `name` on `from` or its nearest ancestor that `selector` matches, crossing out of
 * shadow roots.
 */
function nearest(from: Element | null, name: string, selector = `[${name}]`): string | null {
  let node = from;
  while (node) {
    const found = node.closest(selector);
    if (found) return found.getAttribute(name);
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

function parentAcrossShadow(element: Element): Element | null {
  const root = element.getRootNode();
  return element.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
}

export class LocaleController implements ReactiveController {
  /** The language the element speaks now. */
  language: Language = 'en';
  private words: StringTable;
  /** The `dir` this controller wrote on its host, so it is not taken for the page's. */
  private writtenDir: string | null = null;
  private firstWords: Promise<void> | undefined;

  /** `english`: the sections of the English table the host reads beyond the desk's (the guest's). */
  constructor(
    private readonly host: Host,
    english?: Partial<StringTable>,
  ) {
    if (english) addEnglish(english);
    this.words = tableOf('en')!;
    host.addController(this);
    // Lit lets a controller ask for updates but not hold one back; the host's own scheduleUpdate
    // is wrapped instead, so no element has to repeat the override.
    const scheduling = host as unknown as { scheduleUpdate(): void | Promise<unknown> };
    const scheduleUpdate = scheduling.scheduleUpdate.bind(host);
    scheduling.scheduleUpdate = () => this.schedule(scheduleUpdate);
  }

  /** The element's words, in its language. */
  get t(): StringTable {
    return this.words;
  }

  /**
   * Runs the host's `update` now, or, before the first render in a language
   * whose words are still on their way, once they are here (or waited for long enough).
   */
  private schedule(update: () => void | Promise<unknown>): void | Promise<unknown> {
    const waiting = this.firstWords;
    return waiting && !this.host.hasUpdated ? waiting.then(update) : update();
  }

  hostConnected(): void {
    watch(this);
    this.resolve();
  }

  hostDisconnected(): void {
    unwatch(this);
  }

  /** Looks at `lang` and `dir` again, fetches the words if needed, re-renders on any change. */
  resolve(): void {
    const language = matchLanguage(nearest(this.host, 'lang') ?? navigator.language);
    this.writeDirection(language);
    const table = tableOf(language);
    if (table) {
      if (table === this.words && language === this.language) return;
      this.language = language;
      this.words = table;
      this.host.requestUpdate();
      return;
    }
    const arriving = loadTable(language).catch((error: unknown) => {
      logger.warn(`The ${language} words could not be loaded; showing English.`, error);
    });
    if (!this.host.hasUpdated && !this.firstWords) {
      const waited = new Promise<void>((done) => setTimeout(done, FIRST_WORDS_WAIT_MS));
      this.firstWords = Promise.race([arriving, waited]).then(() => {
        this.firstWords = undefined;
        this.resolve();
      });
    }
  }

  /**
   * Right to left for Arabic when neither the host nor anything around it has a `dir`: a chat
   * widget may mark only the card `lang="ar"`. A `dir` the page set always wins.
   */
  private writeDirection(language: Language): void {
    const own = this.host.getAttribute('dir');
    if (own !== null && own !== this.writtenDir) return;
    // Only a direction counts: `dir=""` or `dir="auto"` around says nothing about this element.
    const around = nearest(parentAcrossShadow(this.host), 'dir', '[dir=ltr i], [dir=rtl i]');
    const wanted = around === null && directionOf(language) === 'rtl' ? 'rtl' : null;
    if (wanted === own) return;
    this.writtenDir = wanted;
    if (wanted) this.host.setAttribute('dir', wanted);
    else this.host.removeAttribute('dir');
  }
}
