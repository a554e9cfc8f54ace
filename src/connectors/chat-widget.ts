// The customer's side in a third-party chat widget: the agent's video link, arrived as a message,
// becomes an <escalation-join-card> inside that message, so the call starts in the conversation.
import { logger } from '../core/logger.js';
import { isLinkToken } from '../protocol/rules.js';

export interface JoinCardOptions {
  /** Where the escalation service answers (the card redeems the link's token there). */
  serviceUrl: string;
  /**
   * The guest page the service's links lead to (`https://video.example.com/join`): a link to
   * anywhere else is left as it is. Without it, any http(s) link carrying a link token counts.
   */
  guestPage?: string;
  /** The join card's tag, when the page defined it under its own name. Default `escalation-join-card`. */
  tag?: string;
}

/** The element made, with the properties the join card reads. */
export type JoinCardLike = HTMLElement & { code: string; serviceUrl: string };

/**
 * The link token a guest link carries (`…#code=<token>`), or null when `link` is not a guest link
 * (another site, no token, a token of the wrong form). The token is in the fragment so it never
 * reaches a web server; it is single use.
 */
export function guestTokenOf(link: string, guestPage?: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (guestPage !== undefined) {
    const page = new URL(guestPage);
    if (url.origin !== page.origin || url.pathname !== page.pathname) return null;
  }
  const token = new URLSearchParams(url.hash.slice(1)).get('code');
  return token && isLinkToken(token) ? token : null;
}

/**
 * Puts a join card for `link` at the end of a chat message's element (the bubble the widget drew
 * for the agent's message), and returns it; returns null, changing nothing, when `link` is not a
 * guest link. The token is set as a property, not an attribute, so it stays out of the markup a
 * widget may save as its transcript. The card is defined by loading `escalation-join-card.js` (CDN)
 * or `escalate-video/define/escalation-join-card.js` (npm); a card made before that waits for it.
 *
 * @example
 * chat.on('message', (message, bubble) => renderJoinCardInto(bubble, message.text.match(/https:\S+/)?.[0] ?? '', {
 *   serviceUrl: 'https://escalations.example.com', guestPage: 'https://video.example.com/join' }));
 */
export function renderJoinCardInto(messageElement: Element, link: string, options: JoinCardOptions): JoinCardLike | null {
  if (!options?.serviceUrl) throw new TypeError('renderJoinCardInto: options.serviceUrl is required');
  const token = guestTokenOf(link, options.guestPage);
  if (!token) return null;
  const tag = options.tag ?? 'escalation-join-card';
  const document = messageElement.ownerDocument;
  if (!document.defaultView?.customElements.get(tag))
    logger.warn(`renderJoinCardInto: <${tag}> is not defined yet; the card shows once its script has loaded`);
  const card = Object.assign(document.createElement(tag), { code: token, serviceUrl: options.serviceUrl });
  messageElement.append(card);
  return card;
}
