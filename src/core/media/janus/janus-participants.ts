// The others in the room as this side shows them: applies the room's news to the roster, keeps
// what each one publishes (so the subscription can follow), and shows a received track only
// while its sender says it sends it.
import type { Roster } from '../roster.js';
import type { ParticipantState } from './janus-display.js';
import { seenAs, streamsToReceive, type PublishedStream, type RoomNews, type WantedStream } from './janus-room-state.js';

type ReceivedTracks = Record<'audio' | 'video' | 'screen', MediaStreamTrack | null>;

const NOTHING_RECEIVED: ReceivedTracks = { audio: null, video: null, screen: null };

export class JanusParticipants {
  private readonly states = new Map<string, ParticipantState>();
  private readonly feeds = new Map<string, PublishedStream[]>();

  constructor(
    private readonly roster: Roster,
    private readonly options: {
      /** The service's word for who the agent is. */
      agentId?: string | undefined;
      receiveVideo?: boolean | undefined;
      /** What is received of a participant now (the subscriber changes when the session rejoins). */
      tracksOf: (id: string) => ReceivedTracks | undefined;
    },
  ) {}

  /** Applies news of the room, skipping `self`; says whether what the others publish changed. */
  apply(news: RoomNews, self: string): boolean {
    let feedsChanged = false;
    for (const person of news.present) {
      if (person.id === self) continue;
      const state = seenAs(person.id, person.display, this.options.agentId);
      this.states.set(person.id, state);
      this.roster.upsert(person.id, { display: state.name, role: state.role });
      if (person.streams) {
        this.feeds.set(person.id, person.streams);
        feedsChanged = true;
      }
      this.refresh(person.id);
    }
    for (const id of news.unpublished) {
      feedsChanged = this.feeds.delete(id) || feedsChanged;
      this.refresh(id);
    }
    for (const id of news.gone) {
      feedsChanged = this.feeds.delete(id) || feedsChanged;
      this.states.delete(id);
      this.roster.remove(id);
    }
    return feedsChanged;
  }

  /** Receive the others' video, or only their sound. */
  setReceiveVideo(on: boolean): void {
    this.options.receiveVideo = on;
  }

  /** The streams the subscriber should receive now. */
  wantedStreams(): WantedStream[] {
    return streamsToReceive(this.feeds, this.options.receiveVideo);
  }

  /** Shows the tracks received now (called when a track came or went). */
  refreshAll(): void {
    for (const id of this.states.keys()) this.refresh(id);
  }

  /** Forgets everyone (the session rejoins from scratch); the roster announces who left. */
  clear(): void {
    this.states.clear();
    this.feeds.clear();
    this.roster.clear();
  }

  private refresh(id: string): void {
    const state = this.states.get(id);
    if (!state || !this.roster.get(id)) return;
    const tracks = this.options.tracksOf(id) ?? NOTHING_RECEIVED;
    this.roster.upsert(id, {
      audio: state.audio ? tracks.audio : null,
      video: state.video ? tracks.video : null,
      screen: state.screen ? tracks.screen : null,
      audioMuted: state.audioMuted,
      videoMuted: state.videoMuted,
      weakNetwork: state.weakNetwork,
    });
  }
}
