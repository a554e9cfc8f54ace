// Elements render the elements they depend on by whatever name the page registered them under,
// so a page may define every tag under its own prefix (`acme-video-room`, `acme-device-check`)
// and composition still holds. A dependency the page has not defined is defined under its
// default name, or, when another element already holds that name, under a free variant of it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { unsafeStatic, type StaticValue } from 'lit/static-html.js';
import { defineElement } from './define-element.js';

/** An element class, or a loader for one (kept out of the first download until needed). */
export type ElementSource = CustomElementConstructor | (() => Promise<CustomElementConstructor>);

/** The tag `element` is registered under, registering it first when the page has not. */
export function tagFor(
  element: CustomElementConstructor,
  defaultTag: string,
  registry: CustomElementRegistry = customElements,
): string {
  const registered = registry.getName(element);
  if (registered) return registered;
  let tag = defaultTag;
  for (let n = 2; registry.get(tag); n += 1) tag = `${defaultTag}-${n}`;
  defineElement(tag, element, registry);
  return tag;
}

function isLoader(source: ElementSource): source is () => Promise<CustomElementConstructor> {
  return !('prototype' in source && source.prototype instanceof HTMLElement);
}

/** What an element class declares it renders: default tag → the element (or its loader). */
export type Dependencies = Record<string, ElementSource>;

/**
 * One element another renders, as its class declares in `static dependencies`: `tag` is the
 * static tag for a `lit/static-html.js` template, undefined until a loaded one has arrived
 * (`load()` asks for it).
 */
export class Dependency implements ReactiveController {
  private resolved: StaticValue | undefined;
  private loading: Promise<void> | undefined;
  private readonly source: ElementSource;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly defaultTag: string,
  ) {
    host.addController(this);
    const declared = (host.constructor as { dependencies?: Dependencies }).dependencies?.[defaultTag];
    if (!declared) throw new Error(`<${host.localName}> does not declare <${defaultTag}> in its static dependencies`);
    this.source = declared;
  }

  /**
   * The tag to render, looked up when first rendered (not when the host is made): a page that
   * defines its own names in one script, in any order, has defined them all by then.
   */
  get tag(): StaticValue | undefined {
    if (!this.resolved && !isLoader(this.source)) this.resolved = unsafeStatic(tagFor(this.source, this.defaultTag));
    return this.resolved;
  }

  hostConnected(): void {}

  /** Loads and registers a loaded dependency (once), then updates the host. */
  load(): Promise<void> {
    if (this.tag) return Promise.resolve();
    this.loading ??= (this.source as () => Promise<CustomElementConstructor>)().then((element) => {
      this.resolved = unsafeStatic(tagFor(element, this.defaultTag));
      this.host.requestUpdate();
    });
    return this.loading;
  }
}
