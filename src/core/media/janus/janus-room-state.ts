// What the VideoRoom plugin's messages on the publisher handle say, as plain data: the reply to
// this side's join, an error, the end of the call, or news of the others. Pure, so the shapes
// Janus sends can be tested as recorded; the session applies the result.
import { decodeDisplay, type ParticipantState } from './janus-display.js';

/** The `description` the adapter gives a shared screen, so receivers tell it from the camera. */
export const SCREEN_DESCRIPTION = 'screen';

/** A stream as the VideoRoom lists it for a publisher. */
export interface PublishedStream {
  mid: string;
  type: string;
  disabled?: boolean;
  description?: string;
}

/** One publisher stream to receive: whose (feed) and which (the publisher's mid). */
export interface WantedStream {
  feed: string;
  mid: string;
}

/** Someone the room says is there, as they describe themselves. */
export interface ListedParticipant {
  id: string;
  display: string | undefined;
  /** Only when the message lists what they publish: then it is all of it. */
  streams?: PublishedStream[];
}

/** What a message says about the others, in the order it is to be applied. */
export interface RoomNews {
  /** Who is there (newcomers, publishers, a changed display), in the order the room lists them. */
  present: ListedParticipant[];
  /** Who stopped publishing but is still there. */
  unpublished: string[];
  /** Who left, or was put out by the service (a renewed link). */
  gone: string[];
}

export type RoomMessage =
  /** The reply to this side's join: who it is in the room, and who was there already. */
  | { kind: 'joined'; id: string; privateId: number; news: RoomNews }
  /** The plugin refused the request waiting on the handle. */
  | { kind: 'error'; code: number | undefined; reason: string }
  /** The call is over for this side: the room was destroyed, or the service put this side out. */
  | { kind: 'ended'; because: 'destroyed' | 'kicked' }
  | { kind: 'news'; news: RoomNews };

type Message = Record<string, unknown>;

const listed = (value: unknown): Message[] => (Array.isArray(value) ? (value as Message[]) : []);

function participant(entry: Message): ListedParticipant {
  return {
    id: String(entry.id),
    display: typeof entry.display === 'string' ? entry.display : undefined,
    ...(Array.isArray(entry.streams) ? { streams: entry.streams as PublishedStream[] } : {}),
  };
}

/** Reads the news in any VideoRoom message; what it does not mention is left as it was. */
export function readRoomNews(message: Message): RoomNews {
  const present = [...listed(message.attendees), ...listed(message.publishers)].map(participant);
  if (message.joining && typeof message.joining === 'object') present.push(participant(message.joining as Message));
  // A participant changed their display (which carries their mute and publish state).
  if (message.videoroom === 'event' && message.id !== undefined && typeof message.display === 'string') {
    present.push({ id: String(message.id), display: message.display });
  }
  const idOf = (value: unknown) => (value === undefined || value === 'ok' ? [] : [String(value)]);
  return {
    present,
    unpublished: idOf(message.unpublished),
    // `kicked`: the service put someone out (a renewed link); they are gone as if they had left.
    gone: [...idOf(message.leaving), ...idOf(message.kicked)],
  };
}

/** Reads one message of the VideoRoom plugin on the publisher handle. */
export function readRoomMessage(message: Message): RoomMessage {
  if (message.error) {
    const code = typeof message.error_code === 'number' ? message.error_code : undefined;
    return { kind: 'error', code, reason: String(message.error) };
  }
  if (message.videoroom === 'joined') {
    return { kind: 'joined', id: String(message.id), privateId: Number(message.private_id), news: readRoomNews(message) };
  }
  if (message.videoroom === 'destroyed') return { kind: 'ended', because: 'destroyed' };
  // The reply to a `leave` is `leaving: 'ok'` too; only with `reason: 'kicked'` did someone else decide it.
  if (message.leaving === 'ok' && message.reason === 'kicked') return { kind: 'ended', because: 'kicked' };
  return { kind: 'news', news: readRoomNews(message) };
}

/** The error a refused request fails with, in Janus's words. */
export function roomError(message: { code: number | undefined; reason: string }): Error {
  return new Error(`janus videoroom: ${message.reason} (${String(message.code)})`);
}

/**
 * Who someone is, as far as this side can know: their display, except that with the service's
 * word for who the agent is (`agentId`), nobody else is shown as the agent, whatever they claim.
 */
export function seenAs(id: string, display: string | undefined, agentId: string | undefined): ParticipantState {
  const state = decodeDisplay(display);
  if (!agentId) return state;
  if (id === agentId) return { ...state, role: 'host' };
  return state.role === 'host' ? { ...state, role: 'guest' } : state;
}

/**
 * The streams to receive of what the others publish: not data, not disabled ones, and with
 * `receiveVideo: false` no camera video (a shared screen still is), to keep a poor link for sound.
 */
export function streamsToReceive(
  feeds: ReadonlyMap<string, readonly PublishedStream[]>,
  receiveVideo: boolean | undefined,
): WantedStream[] {
  const wanted = (stream: PublishedStream) =>
    !stream.disabled &&
    stream.type !== 'data' &&
    (receiveVideo !== false || stream.type !== 'video' || stream.description === SCREEN_DESCRIPTION);
  return [...feeds.entries()].flatMap(([feed, streams]) => streams.filter(wanted).map((stream) => ({ feed, mid: stream.mid })));
}
