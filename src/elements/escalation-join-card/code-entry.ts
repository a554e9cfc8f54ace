// Where a customer types the code the agent read out over the phone: three groups of three, as
// the code is read (ACD-EFH-JKM). Case, spaces and dashes do not matter; a pasted code fills all
// three groups; focus moves on by itself and back with Backspace; Enter joins. A code that cannot
// be one is refused here with words that say why, before it counts against the customer's tries.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { CODE_ALPHABET, CODE_LENGTH, formatCode, looksLikeCode, normalizeCode } from '../../protocol/rules.js';
import type { LocaleController } from '../../controllers/locale-controller.js';
import { fill as fillIn } from '../../i18n/format.js';

const GROUPS = 3;
const GROUP_LENGTH = CODE_LENGTH / GROUPS;

export class CodeEntry implements ReactiveController {
  private groups: string[] = ['', '', ''];
  /** Why the typed code cannot be one, said in the card's language when drawn; null when nothing is wrong. */
  private problem: (() => string) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly locale: LocaleController,
    /** Called with the code, formatted, once it can be one. */
    private readonly onCode: (code: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get inputs(): HTMLInputElement[] {
    return [...(this.host.shadowRoot?.querySelectorAll<HTMLInputElement>('input.code-group') ?? [])];
  }

  /** Fills the groups from `typed` (one group typed into, or a whole pasted code), from group `from`. */
  private fill(from: number, typed: string): void {
    const characters = [...normalizeCode(typed)];
    const before = this.groups.slice(0, from).join('');
    const all = [...before, ...characters].slice(0, CODE_LENGTH);
    this.groups = Array.from({ length: GROUPS }, (_, group) =>
      all.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join(''),
    );
    this.problem = null;
    this.host.requestUpdate();
    // Focus goes to the first group not yet full (or stays on the last).
    const next = Math.min(Math.floor(all.length / GROUP_LENGTH), GROUPS - 1);
    void this.host.updateComplete.then(() => {
      const input = this.inputs[next];
      input?.focus();
      input?.setSelectionRange(input.value.length, input.value.length);
    });
  }

  private readonly onInput = (event: InputEvent) => {
    const input = event.target as HTMLInputElement;
    const index = Number(input.dataset.group);
    // Typed into the middle of the code: what follows is kept after it.
    const after = this.groups.slice(index + 1).join('');
    this.fill(index, normalizeCode(input.value) + after);
  };

  private readonly onPaste = (event: ClipboardEvent) => {
    event.preventDefault();
    const text = event.clipboardData?.getData('text') ?? '';
    // A whole code fills all three groups, wherever it is pasted; a part goes where it was pasted.
    const index = Number((event.target as HTMLInputElement).dataset.group);
    this.fill(normalizeCode(text).length >= CODE_LENGTH ? 0 : index, text);
  };

  private readonly onKeydown = (event: KeyboardEvent) => {
    const index = Number((event.target as HTMLInputElement).dataset.group);
    if (event.key === 'Backspace' && this.groups[index] === '' && index > 0) {
      event.preventDefault();
      this.groups = this.groups.map((group, at) => (at === index - 1 ? group.slice(0, -1) : group));
      this.host.requestUpdate();
      void this.host.updateComplete.then(() => this.inputs[index - 1]?.focus());
    }
  };

  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const code = this.groups.join('');
    const { locale } = this;
    const unused = [...new Set([...code].filter((char) => !CODE_ALPHABET.includes(char)))];
    if (unused.length)
      this.problem = () => fillIn(locale.t.joinCard.codeUnusedCharacters, locale.language, { characters: unused.join(' ') });
    else if (!looksLikeCode(code))
      this.problem = () => fillIn(locale.t.joinCard.codeTooShort, locale.language, { count: code.length });
    else return this.onCode(formatCode(code));
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.inputs[0]?.focus());
  };

  render() {
    const t = this.locale.t.joinCard;
    const problem = this.problem?.() ?? '';
    return html`<form part="code-entry" class="code-entry" @submit=${this.onSubmit}>
      <fieldset aria-describedby="code-hint ${problem ? 'code-problem' : ''}">
        <legend>${t.enterCode}</legend>
        <div class="code-groups">
          ${this.groups.map(
            (group, index) =>
              html`${index > 0 ? html`<span class="dash" aria-hidden="true">-</span>` : nothing}<input
                  class="code-group"
                  part="code-group"
                  data-group=${index}
                  .value=${group}
                  maxlength=${CODE_LENGTH + 2}
                  size="3"
                  autocomplete=${index === 0 ? 'one-time-code' : 'off'}
                  autocapitalize="characters"
                  spellcheck="false"
                  aria-label=${t.codeGroup.replace('{from}', String(index * GROUP_LENGTH + 1)).replace('{to}', String((index + 1) * GROUP_LENGTH))}
                  aria-invalid=${problem ? 'true' : 'false'}
                  @input=${this.onInput}
                  @paste=${this.onPaste}
                  @keydown=${this.onKeydown}
                />`,
          )}
        </div>
        <p id="code-hint" class="hint">${t.codeHint}</p>
        ${problem ? html`<p id="code-problem" class="problem" role="alert">${problem}</p>` : nothing}
      </fieldset>
      <button part="join" type="submit">${t.join}</button>
    </form>`;
  }
}
