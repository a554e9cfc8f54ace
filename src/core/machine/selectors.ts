// Read-only views of an escalation snapshot: what elements and hosts select and render.
import type { SnapshotFrom } from 'xstate';
import type { EscalationMachine } from './escalation-machine.js';
import type {
  CallTools,
  OpenStill,
  DeliveryChannel,
  EscalationPhase,
  ExpertStatus,
  FallbackReason,
  GuestStep,
  Interaction,
  RoomCredentials,
  ServiceErrorCode,
} from './types.js';

export type EscalationSnapshot = SnapshotFrom<EscalationMachine>;

/** The phase a person would name; `closing` is the short wait while the room is destroyed. */
export type VisiblePhase = EscalationPhase | 'closing';

const phases: readonly VisiblePhase[] = [
  'idle',
  'requested',
  'linkSent',
  'joined',
  'fallbackToVoice',
  'consulting',
  'closing',
  'closed',
];

export function selectPhase(snapshot: EscalationSnapshot): VisiblePhase {
  if (snapshot.matches({ inRoom: 'linkSent' })) return 'linkSent';
  if (snapshot.matches({ inRoom: 'joined' })) return 'joined';
  const top = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
  return phases.find((phase) => phase === top) ?? 'idle';
}

export type MediaState = 'connecting' | 'connected' | 'reconnecting';

/** The agent's media state while the guest is in the room; null otherwise. */
export function selectMediaState(snapshot: EscalationSnapshot): MediaState | null {
  for (const state of ['connecting', 'connected', 'reconnecting'] as const) {
    if (snapshot.matches({ inRoom: { joined: { media: state } } })) return state;
  }
  return null;
}

export type ExpertState = 'none' | 'inviting' | 'requesting' | 'lobby' | 'admitting' | 'joined';

/** Where the expert stands for the agent: an invite being withdrawn is gone, an expert being removed is still in. */
export function selectExpertState(snapshot: EscalationSnapshot): ExpertState | null {
  const shown = {
    none: 'none',
    withdrawing: 'none',
    cancellingRequest: 'none',
    inviting: 'inviting',
    requesting: 'requesting',
    lobby: 'lobby',
    declining: 'lobby',
    admitting: 'admitting',
    joined: 'joined',
  } as const;
  for (const [state, as] of Object.entries(shown)) {
    if (snapshot.matches({ inRoom: { joined: { expert: state } } } as never)) return as;
    if (snapshot.matches({ consulting: { open: { expert: state } } } as never)) return as;
  }
  return null;
}

export type DeliveryState = 'sending' | 'sent' | 'failed';

export function selectDeliveryState(snapshot: EscalationSnapshot): DeliveryState | null {
  // Getting a fresh code is the first step of sending it.
  if (snapshot.matches({ inRoom: { linkSent: { delivery: 'renewing' } } })) return 'sending';
  for (const state of ['sending', 'sent', 'failed'] as const) {
    if (snapshot.matches({ inRoom: { linkSent: { delivery: state } } })) return state;
  }
  return null;
}

/** Whether the guest is in the room right now (false while they are away within the rejoin grace). */
export function selectGuestPresent(snapshot: EscalationSnapshot): boolean {
  return snapshot.matches({ inRoom: { joined: { guest: 'present' } } });
}

export function selectGuestStep(snapshot: EscalationSnapshot): GuestStep | null {
  return snapshot.context.guestStep;
}

/**
 * In voice mode the customer's audio stays on the phone, so the browser microphone starts muted;
 * not in a consult, where the agent talks to the expert through the page.
 */
export function selectMicStartsMuted(snapshot: EscalationSnapshot): boolean {
  return snapshot.context.config.mode === 'voice' && !snapshot.matches('consulting');
}

/** True while a room exists or is being made for this escalation: a second one must not start. */
export function selectIsActive(snapshot: EscalationSnapshot): boolean {
  const phase = selectPhase(snapshot);
  return phase === 'requested' || phase === 'linkSent' || phase === 'joined' || phase === 'consulting';
}

/** The room the agent should be in right now (waiting for or talking with the customer, or consulting), or null. */
export function selectHostRoom(snapshot: EscalationSnapshot): RoomCredentials | null {
  if (snapshot.matches({ consulting: 'open' })) return snapshot.context.consult?.escalation?.host ?? null;
  return snapshot.matches('inRoom') ? (snapshot.context.escalation?.host ?? null) : null;
}

/** What an escalate button shows: everything it words its status and offers its actions from. */
export interface ButtonView {
  phase: VisiblePhase;
  delivery: DeliveryState | null;
  channel: DeliveryChannel | null;
  /** What the escalation came from, and goes on without video: a phone call (`voice`) or a `chat`. */
  interactionChannel: Interaction['channel'] | null;
  to: string | null;
  guestStep: GuestStep | null;
  /** While the customer is away in the call: when their rejoin grace ends (epoch ms), else null. */
  guestAwayUntil: number | null;
  fallbackReason: FallbackReason | null;
  /** The escalation service's code for the last failure (a refused sign-in, a rate limit), if any. */
  errorCode: ServiceErrorCode | null;
  /** The customer said their link did not work. */
  newLinkRequested: boolean;
  /**
   * The consult with an expert (the customer on the phone): `opening` its room, `open`, `ending`;
   * after one, how it ended; null when there has been none.
   */
  consult: { state: 'opening' | 'open' | 'ending' | null; outcome: 'ended' | 'failed' | 'media' | 'lost' | null } | null;
  /**
   * Where the expert region is (null unless the customer is on video), how the last invite went,
   * and the request to the pool (the skill, who is being rung).
   */
  expert: {
    state: ExpertState | null;
    status: ExpertStatus | null;
    name: string | null;
    request: { skill: string; ringing: string | null } | null;
  };
}

/** While the customer is away in the call (within the rejoin grace): when the grace ends, else null. */
export function selectGuestAwayUntil(snapshot: EscalationSnapshot): number | null {
  const { timeline, config } = snapshot.context;
  if (!snapshot.matches({ inRoom: { joined: { guest: 'away' } } }) || timeline.guestLeftAt === undefined) return null;
  return timeline.guestLeftAt + config.rejoinGraceMs;
}

/** What an idle escalation's button shows: the view `selectButtonView` gives a new escalation, before its statechart runs. */
export const IDLE_BUTTON_VIEW: ButtonView = {
  phase: 'idle',
  delivery: null,
  channel: null,
  interactionChannel: null,
  to: null,
  guestStep: null,
  guestAwayUntil: null,
  fallbackReason: null,
  errorCode: null,
  newLinkRequested: false,
  consult: null,
  expert: { state: null, status: null, name: null, request: null },
};

export function selectButtonView(snapshot: EscalationSnapshot): ButtonView {
  const {
    delivery,
    interaction,
    guestStep,
    fallbackReason,
    newLinkRequested,
    expert,
    expertStatus,
    lastErrorCode,
    expertRequest,
  } = snapshot.context;
  return {
    phase: selectPhase(snapshot),
    delivery: selectDeliveryState(snapshot),
    channel: delivery?.channel ?? null,
    interactionChannel: interaction?.channel ?? null,
    to: delivery?.to ?? null,
    guestStep,
    guestAwayUntil: selectGuestAwayUntil(snapshot),
    fallbackReason,
    errorCode: lastErrorCode ?? null,
    newLinkRequested: Boolean(newLinkRequested),
    consult: selectConsult(snapshot),
    expert: {
      state: selectExpertState(snapshot),
      status: expertStatus ?? null,
      name: expert ? (expert.name ?? expert.address) : null,
      request: expertRequest ? { skill: expertRequest.skill, ringing: expertRequest.ringing } : null,
    },
  };
}

function selectConsult(snapshot: EscalationSnapshot): ButtonView['consult'] {
  const { consult } = snapshot.context;
  if (!consult) return null;
  const state = snapshot.matches({ consulting: 'open' })
    ? 'open'
    : snapshot.matches({ consulting: 'ending' })
      ? 'ending'
      : snapshot.matches('consulting')
        ? 'opening'
        : null;
  return { state, outcome: state ? null : consult.outcome };
}

export type StillState = 'fetching' | 'open' | 'keeping' | 'discarding';

/** What the agent's camera tools show: whether they can be used now, and how each ask and the open still stand. */
export interface CallToolsView {
  /** The customer is in the call: asks can reach their page. */
  available: boolean;
  camera: CallTools['camera'];
  asks: CallTools['asks'];
  lastAsk: CallTools['lastAsk'];
  /** An ask is on its way to the service. */
  sending: boolean;
  still: (OpenStill & { state: StillState }) | null;
  /** Stills kept for the case so far. */
  kept: CallTools['kept'];
  recording: CallTools['recording'];
  recordingError: CallTools['recordingError'];
  /** A recording request is on its way to the service. */
  recordingBusy: boolean;
}

export function selectCallTools(snapshot: EscalationSnapshot): CallToolsView {
  const { tools } = snapshot.context;
  const stillState = (['fetching', 'open', 'keeping', 'discarding'] as const).find((state) =>
    snapshot.matches({ inRoom: { joined: { still: state } } } as never),
  );
  return {
    available: selectGuestPresent(snapshot),
    camera: tools.camera,
    asks: tools.asks,
    lastAsk: tools.lastAsk,
    sending: snapshot.matches({ inRoom: { joined: { asking: 'sending' } } } as never),
    still: tools.still && stillState ? { ...tools.still, state: stillState } : null,
    kept: tools.kept,
    recording: tools.recording,
    recordingError: tools.recordingError,
    recordingBusy: snapshot.matches({ inRoom: { joined: { asking: 'recording' } } } as never),
  };
}
