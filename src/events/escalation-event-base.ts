// The common shape of every DOM event this package dispatches: prefixed, bubbling, composed,
// with a readonly typed payload in `detail`.
export abstract class EscalationDomEvent<TDetail> extends Event {
  readonly detail: Readonly<TDetail>;

  protected constructor(type: string, detail: TDetail) {
    super(type, { bubbles: true, composed: true });
    this.detail = Object.freeze({ ...detail });
  }
}
