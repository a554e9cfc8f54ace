// What a customer is asked after the call: a score from 1 to 5 with an optional comment, and in
// chat mode, when video ended early, whether they would rather be called.
import { html, nothing } from 'lit';
import type { RoomStrings } from '../../i18n/strings.js';
import { formatList } from '../../i18n/format.js';
import type { Language } from '../../i18n/languages.js';
import type { MaskedKind } from '../../protocol/index.js';

export interface RatingView {
  strings: RoomStrings;
  language: Language;
  sent: boolean;
  /** What the service hid in the comment before keeping it. */
  masked: readonly MaskedKind[];
  onSubmit(score: 1 | 2 | 3 | 4 | 5, comment: string): void;
}

/** "Before keeping your comment we hid a card number and a phone number." */
function maskedWords(kinds: readonly MaskedKind[], t: RoomStrings, language: Language): string {
  return t.rateMasked.replace(
    '{what}',
    formatList(
      language,
      kinds.map((kind) => t.maskedKinds[kind]),
    ),
  );
}

export function renderRating(view: RatingView) {
  const t = view.strings;
  if (view.sent)
    return html`<div part="rating" class="rating" role="status">
      <p>${t.rateThanks}</p>
      ${view.masked.length ? html`<p class="masked">${maskedWords(view.masked, t, view.language)}</p>` : nothing}
    </div>`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const score = Number(form.get('score'));
    if (score >= 1 && score <= 5) view.onSubmit(score as 1 | 2 | 3 | 4 | 5, String(form.get('comment') ?? ''));
  };
  return html`<form part="rating" class="rating" @submit=${submit}>
    <fieldset>
      <legend>${t.rateQuestion}</legend>
      ${([1, 2, 3, 4, 5] as const).map(
        (score) =>
          html`<label class="score"><input type="radio" name="score" value=${score} required /><span aria-hidden="true">${score}</span><span class="visually-hidden-text">${t.rateScore[score]}</span></label>`,
      )}
      <p class="scale-ends" aria-hidden="true"><span>${t.rateScore[1]}</span><span>${t.rateScore[5]}</span></p>
    </fieldset>
    <label class="comment">${t.rateComment}<textarea name="comment" maxlength="1000" rows="2" aria-describedby="comment-hint"></textarea></label>
    <p id="comment-hint" class="hint">${t.rateCommentHint}</p>
    <button class="primary" part="control" type="submit">${t.rateSend}</button>
  </form>${nothing}`;
}

export interface CallbackView {
  strings: RoomStrings;
  sentTo: string;
  problem: string;
  onSubmit(phone: string): void;
}

/** In chat mode, when video ended early: the customer can ask for a phone call instead. */
export function renderCallbackOffer(view: CallbackView) {
  const t = view.strings;
  if (view.sentTo)
    return html`<p part="callback" class="rating" role="status">${t.callbackSent.replace('{phone}', view.sentTo)}</p>`;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    view.onSubmit(String(new FormData(event.target as HTMLFormElement).get('phone') ?? '').replace(/[\s()-]/g, ''));
  };
  return html`<form part="callback" class="rating" @submit=${submit}>
    <p>${t.callbackOffer}</p>
    <label class="comment">${t.callbackPhone}<input type="tel" name="phone" autocomplete="tel" required /></label>
    ${view.problem ? html`<p role="alert">${view.problem}</p>` : nothing}
    <button class="primary" part="control" type="submit">${t.callbackSend}</button>
  </form>`;
}
