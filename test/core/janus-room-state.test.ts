import { expect } from '@open-wc/testing';
import { Emitter } from '../../src/core/media/emitter.js';
import { encodeDisplay, plainParticipant, type ParticipantState } from '../../src/core/media/janus/janus-display.js';
import { JanusParticipants } from '../../src/core/media/janus/janus-participants.js';
import {
  readRoomMessage,
  roomError,
  seenAs,
  streamsToReceive,
  type PublishedStream,
  type RoomMessage,
  type RoomNews,
} from '../../src/core/media/janus/janus-room-state.js';
import { Roster } from '../../src/core/media/roster.js';
import type { MediaSessionEvents } from '../../src/core/media/types.js';

// VideoRoom messages as Janus 1.x sends them to a publisher handle, and what this side makes of
// them: who is in the call, as whom, what is received of them, and when the call is over.

const ROOM = 1234;
const SELF = 5001;
const AGENT = 5002;
const GUEST = 5003;

const display = (name: string, role: ParticipantState['role'], overrides: Partial<ParticipantState> = {}) =>
  encodeDisplay({ ...plainParticipant(name), role, ...overrides });

const cameraAndMicrophone = [
  { type: 'audio', mindex: 0, mid: '0', codec: 'opus' },
  { type: 'video', mindex: 1, mid: '1', codec: 'vp8' },
];

const joined = {
  videoroom: 'joined',
  room: ROOM,
  description: 'Escalation',
  id: SELF,
  private_id: 3_141_592_653,
  publishers: [
    {
      id: AGENT,
      display: display('Agent Alice', 'host'),
      audio_codec: 'opus',
      video_codec: 'vp8',
      streams: cameraAndMicrophone,
      talking: false,
    },
  ],
};

const guestPublishes = {
  videoroom: 'event',
  room: ROOM,
  publishers: [
    {
      id: GUEST,
      display: display('Guest Bob', 'guest', { screen: true }),
      streams: [...cameraAndMicrophone, { type: 'video', mindex: 2, mid: '2', codec: 'vp8', description: 'screen' }],
    },
  ],
};

function newsOf(message: RoomMessage): RoomNews {
  if (message.kind !== 'news' && message.kind !== 'joined') throw new Error(`expected news, got ${message.kind}`);
  return message.news;
}

/** The others as a session shows them, fed with recorded messages. */
function room(agentId?: string) {
  const events = new Emitter<MediaSessionEvents>();
  const roster = new Roster(events);
  const joins: string[] = [];
  const leaves: string[] = [];
  events.on('participant-joined', ({ id }) => joins.push(id));
  events.on('participant-left', ({ id }) => leaves.push(id));
  const others = new JanusParticipants(roster, { agentId, tracksOf: () => undefined });
  return {
    joins,
    leaves,
    others,
    /** Applies a message as the session does; says whether the subscription must follow. */
    hear: (message: Record<string, unknown>) => others.apply(newsOf(readRoomMessage(message)), String(SELF)),
    get: (id: number) => roster.get(String(id)),
  };
}

describe('Janus room state', () => {
  it('reads the join reply: who this side is, its private id, and who publishes already', () => {
    const message = readRoomMessage(joined);
    expect(message.kind).to.equal('joined');
    if (message.kind !== 'joined') return;
    expect(message.id).to.equal(String(SELF));
    expect(message.privateId).to.equal(3_141_592_653);
    expect(message.news.present.map(({ id }) => id)).to.deep.equal([String(AGENT)]);
    expect(message.news.present[0].streams?.map(({ mid }) => mid)).to.deep.equal(['0', '1']);
  });

  it('shows someone already in the room with their name and role, and never this side itself', () => {
    const call = room();
    const mustSubscribe = call.hear({
      ...joined,
      publishers: [...joined.publishers, { id: SELF, display: display('Me', 'guest') }],
    });
    expect(mustSubscribe).to.equal(true);
    expect(call.joins).to.deep.equal([String(AGENT)]);
    expect(call.get(AGENT)).to.include({ display: 'Agent Alice', role: 'host', audioMuted: false });
    expect(call.get(SELF)).to.equal(undefined);
  });

  it('receives what a newcomer publishes, their shared screen included', () => {
    const call = room();
    call.hear(joined);
    expect(call.hear(guestPublishes)).to.equal(true);
    expect(call.get(GUEST)).to.include({ display: 'Guest Bob', role: 'guest' });
    expect(call.others.wantedStreams()).to.deep.equal([
      { feed: String(AGENT), mid: '0' },
      { feed: String(AGENT), mid: '1' },
      { feed: String(GUEST), mid: '0' },
      { feed: String(GUEST), mid: '1' },
      { feed: String(GUEST), mid: '2' },
    ]);
  });

  it('keeps someone who stops publishing in the call, but stops receiving them', () => {
    const call = room();
    call.hear(joined);
    call.hear(guestPublishes);
    expect(call.hear({ videoroom: 'event', room: ROOM, unpublished: GUEST })).to.equal(true);
    expect(call.get(GUEST)).to.include({ display: 'Guest Bob' });
    expect(call.others.wantedStreams().map(({ feed }) => feed)).to.deep.equal([String(AGENT), String(AGENT)]);
    expect(call.leaves).to.deep.equal([]);
  });

  it('drops someone who leaves, and someone the service put out', () => {
    const call = room();
    call.hear(joined);
    call.hear(guestPublishes);
    expect(call.hear({ videoroom: 'event', room: ROOM, leaving: GUEST })).to.equal(true);
    expect(call.get(GUEST)).to.equal(undefined);
    call.hear({ videoroom: 'event', room: ROOM, kicked: AGENT });
    expect(call.get(AGENT)).to.equal(undefined);
    expect(call.leaves).to.deep.equal([String(GUEST), String(AGENT)]);
    expect(call.others.wantedStreams()).to.deep.equal([]);
  });

  it('shows a mute as soon as someone announces it in their display', () => {
    const call = room();
    call.hear(joined);
    const muted = { videoroom: 'event', room: ROOM, id: AGENT, display: display('Agent Alice', 'host', { audioMuted: true }) };
    expect(call.hear(muted)).to.equal(false);
    expect(call.get(AGENT)).to.include({ audioMuted: true, videoMuted: false });
  });

  it('shows someone announced as joining before they publish anything', () => {
    const call = room();
    call.hear({ videoroom: 'event', room: ROOM, joining: { id: 5004, display: display('Expert Eve', 'expert') } });
    expect(call.get(5004)).to.include({ display: 'Expert Eve', role: 'expert' });
  });

  it('takes a plain display (another Janus client) as a guest of that name', () => {
    expect(seenAs('7', 'Maria', undefined)).to.include({ name: 'Maria', role: 'guest', audio: true, video: true });
  });

  it('shows only the participant the service named as the agent, whatever the others claim', () => {
    expect(seenAs('9', display('Impostor', 'host'), String(AGENT)).role).to.equal('guest');
    expect(seenAs(String(AGENT), display('Agent Alice', 'guest'), String(AGENT)).role).to.equal('host');
    expect(seenAs('9', display('Expert Eve', 'expert'), String(AGENT)).role).to.equal('expert');
    const call = room(String(AGENT));
    call.hear({ ...guestPublishes, publishers: [{ ...guestPublishes.publishers[0], display: display('Impostor', 'host') }] });
    expect(call.get(GUEST)).to.include({ role: 'guest' });
  });

  it('ends the call when the room is destroyed', () => {
    expect(readRoomMessage({ videoroom: 'destroyed', room: ROOM })).to.deep.equal({ kind: 'ended', because: 'destroyed' });
  });

  it('ends the call when the service puts this side out, but not on the reply to its own leave', () => {
    expect(readRoomMessage({ videoroom: 'event', room: ROOM, leaving: 'ok', reason: 'kicked' })).to.deep.equal({
      kind: 'ended',
      because: 'kicked',
    });
    const ownLeave = readRoomMessage({ videoroom: 'event', room: ROOM, leaving: 'ok' });
    expect(ownLeave.kind).to.equal('news');
    expect(newsOf(ownLeave)).to.deep.equal({ present: [], unpublished: [], gone: [] });
  });

  it('reads a refusal as an error in Janus words', () => {
    const message = readRoomMessage({ videoroom: 'event', error_code: 426, error: 'No such room (1234)' });
    expect(message).to.deep.equal({ kind: 'error', code: 426, reason: 'No such room (1234)' });
    if (message.kind !== 'error') return;
    expect(roomError(message).message).to.equal('janus videoroom: No such room (1234) (426)');
  });

  it('changes nothing on messages that are not about the others', () => {
    const call = room();
    call.hear(joined);
    for (const message of [
      { videoroom: 'event', room: ROOM, configured: 'ok' },
      { videoroom: 'talking', room: ROOM, id: AGENT, 'audio-level-dBov-avg': -42 },
    ]) {
      expect(call.hear(message)).to.equal(false);
    }
    expect(call.joins).to.deep.equal([String(AGENT)]);
    expect(call.leaves).to.deep.equal([]);
  });

  it('receives no camera video when asked not to, but still the shared screen and all sound', () => {
    const feeds = new Map<string, PublishedStream[]>([
      [
        String(GUEST),
        [
          { type: 'audio', mid: '0' },
          { type: 'video', mid: '1' },
          { type: 'video', mid: '2', description: 'screen' },
          { type: 'data', mid: '3' },
          { type: 'video', mid: '4', disabled: true },
        ],
      ],
    ]);
    expect(streamsToReceive(feeds, false).map(({ mid }) => mid)).to.deep.equal(['0', '2']);
    expect(streamsToReceive(feeds, undefined).map(({ mid }) => mid)).to.deep.equal(['0', '1', '2']);
  });
});
