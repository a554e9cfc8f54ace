// The call's statechart: one participant's way into one room and out again. It never touches
// the DOM; devices, the media adapter and the session are invoked actors, and everything an
// element must show or announce is in the context or emitted.
import { assign, emit, enqueueActions, setup } from 'xstate';
import { rateNetwork, type NetworkMeasurement } from '../diagnostics/network-rating.js';
import { guestStepOf } from '../diagnostics/result.js';
import type { LocalMedia } from '../devices/local-media.js';
import type { JoinOptions } from '../media/types.js';
import { leaveOnce, roomActors, stopMedia } from './actors.js';
import { freshUplinkWatch, watchUplink } from './weak-network.js';
import type { RoomContext, RoomEmitted, RoomEvent, RoomInput, RoomSettings } from './types.js';
import { defaultRoomSettings } from './types.js';

type Ctx = { context: RoomContext };

function mediaChange(context: RoomContext): Extract<RoomEmitted, { type: 'mediaChange' }> {
  const { media } = context;
  return {
    type: 'mediaChange',
    microphone: media?.audio ? (context.micMuted ? 'muted' : 'on') : 'unavailable',
    camera: media?.video ? (context.cameraOff || context.cameraPausedForNetwork ? 'off' : 'on') : 'unavailable',
    screenShare: context.sharing,
    connection: context.session ? context.connection : 'closed',
  };
}

/**
 * Longest name sent to the media server: the others see it on a tile (cut there with an
 * ellipsis), and a page's 100 KB attribute must not travel to every participant.
 */
const DISPLAY_MAX = 200;

/** The name this participant goes by in the room (the host's setting, the room's, the code's, the role's). */
function displayOf(context: Ctx['context']): string {
  const { settings } = context;
  const display = settings.display || context.room?.displayName || context.redeemedDisplay || settings.roleNames[context.role];
  return [...display].slice(0, DISPLAY_MAX).join('');
}

/** Where and as whom the adapter joins. */
function joinOptions({ context }: Ctx): JoinOptions {
  const room = context.room!;
  return {
    ...room,
    role: context.role,
    display: displayOf(context),
    // The service's TURN servers for this room (this participant's own credentials), else the host's.
    iceServers: room.iceServers?.length ? room.iceServers : context.settings.iceServers,
    ...(context.audioOnly ? { receiveVideo: false } : {}),
  };
}

/** What a new attempt starts from: nothing held, nothing known about the last one's end. */
const freshAttempt = {
  error: null,
  othersLeft: false,
  endedRemotely: false,
  removed: false,
  wasInSession: false,
  audioOnly: false,
  networkCheck: 'none',
  devicesUnusable: false,
  micMuted: false,
  cameraOff: false,
  cameraPausedForNetwork: false,
  quality: 'unknown',
  uplink: 'unknown',
  downlink: 'unknown',
  uplinkWatch: freshUplinkWatch,
} as const;

export const roomMachine = setup({
  types: {
    context: {} as RoomContext,
    events: {} as RoomEvent,
    input: {} as RoomInput,
    emitted: {} as RoomEmitted,
  },
  actors: roomActors,
  guards: {
    needsRedeem: ({ context }) => context.request !== null && 'code' in context.request && context.room === null,
    checksDevices: ({ context }) => context.settings.checkDevices,
    hasMedia: ({ context }) => context.media !== null,
    knowsRequest: ({ context, event }) => event.type === 'JOIN' && (event.request ?? context.request) !== null,
    devicesFailed: ({ event }) => event.type === 'DEVICES_CHECKED' && guestStepOf(event.result) === 'device-failed',
    adapterChanged: ({ context, event }) =>
      event.type === 'CONFIGURE' && event.settings.adapter !== undefined && event.settings.adapter !== context.settings.adapter,
    connected: ({ context }) => context.connection === 'connected',
    linking: ({ context }) => context.connection === 'connecting',
    reconnecting: ({ context }) => context.connection === 'reconnecting',
    someoneThere: ({ context }) => context.participants.length > 0,
    nobodyThere: ({ context }) => context.participants.length === 0,
    hasMic: ({ context }) => Boolean(context.session && context.media?.audio),
    hasCamera: ({ context }) => Boolean(context.session && context.media?.video),
    /** Checking devices, the camera or the microphone works: join now, and measure on the call. */
    devicesWork: ({ context, event }) => {
      const media = (event as { output?: LocalMedia }).output;
      return !context.settings.checkDevices || media?.camera === 'ok' || media?.microphone === 'ok';
    },
    measuresNetwork: ({ context }) => context.settings.checkDevices && context.networkCheck === 'none',
  },
  actions: {
    configure: assign(({ context, event }) =>
      event.type === 'CONFIGURE' ? { settings: { ...context.settings, ...event.settings } } : {},
    ),
    takeRequest: assign(({ context, event }) => {
      const request = (event.type === 'JOIN' ? event.request : undefined) ?? context.request!;
      const given = 'room' in request ? request : null;
      return {
        ...freshAttempt,
        request,
        // A code is redeemed again on each attempt (a rejoin comes back as the same guest).
        room: given?.room ?? null,
        role: given?.role ?? context.role,
        startMuted: Boolean(given?.startMuted || given?.phoneAudio),
        phoneAudio: given?.phoneAudio ?? false,
        consult: given?.consult ?? false,
      };
    }),
    announceMedia: emit(({ context }) => mediaChange(context)),
    progress: emit((_, step: Extract<RoomEmitted, { type: 'progress' }>['step']) => ({ type: 'progress' as const, step })),
    /** Leaves the session and stops the devices this attempt holds (the session's own tracks included). */
    release: enqueueActions(({ context: { session, media, screenTrack }, enqueue }) => {
      enqueue(() => {
        if (session) void leaveOnce(session);
        stopMedia(media);
        screenTrack?.stop();
      });
      enqueue.assign({
        session: null,
        media: null,
        participants: [],
        sharing: false,
        screenTrack: null,
        connection: 'closed',
        quality: 'unknown',
        uplink: 'unknown',
        downlink: 'unknown',
        uplinkWatch: freshUplinkWatch,
        cameraPausedForNetwork: false,
      });
    }),
    /** The adapter changed while joining: the session from the old one is left, the devices kept. */
    dropSession: enqueueActions(({ context: { session }, enqueue }) => {
      if (session) enqueue(() => void leaveOnce(session));
      enqueue.assign({ session: null });
    }),
    stopScreenTrack: ({ context }) => context.screenTrack?.stop(),
    /** Mutes or unmutes what is sent (others see it), and says so. */
    toggleSending: enqueueActions(({ context, enqueue }, kind: 'audio' | 'video') => {
      // Pressed while the camera is paused for the network: the person wants it back now (and the
      // weak uplink is counted afresh from here, not from before).
      const resuming = kind === 'video' && context.cameraPausedForNetwork;
      const muted = resuming ? false : kind === 'audio' ? !context.micMuted : !context.cameraOff;
      const change =
        kind === 'audio'
          ? { micMuted: muted }
          : { cameraOff: muted, cameraPausedForNetwork: false, uplinkWatch: freshUplinkWatch };
      enqueue.assign(change);
      const session = context.session!;
      enqueue(() => void session.setMuted(kind, muted).catch(() => undefined));
      enqueue.emit(mediaChange({ ...context, ...change }));
    }),
    rememberError: assign(({ event }) => ({ error: (event as { error?: unknown }).error ?? null })),
    /**
     * The call's connection as measured in its first seconds: a poor one (a network the device
     * check would have rated poor) stops sending and receiving camera video, keeping the sound.
     */
    judgeConnection: enqueueActions(({ context, event, enqueue }) => {
      const measurement = (event as { output?: NetworkMeasurement | null }).output;
      const { session, media } = context;
      if (!measurement || rateNetwork(measurement) !== 'poor' || !session || !media?.audio) return;
      const camera = media.video;
      const soundOnly = { audioOnly: true, media: { ...media, video: null, camera: 'off' as const } };
      enqueue.emit({ type: 'progress', step: 'audio-only' });
      enqueue.assign(soundOnly);
      enqueue(() => {
        void session
          .unpublish('video')
          .catch(() => undefined)
          .then(() => camera?.stop());
        void session.setReceiveVideo(false).catch(() => undefined);
      });
      enqueue.emit(mediaChange({ ...context, ...soundOnly }));
    }),
    /** A stats reading: shown as it is, and a long-weak uplink pauses the camera (a recovered one brings it back). */
    readQuality: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'SESSION.QUALITY') return;
      const paused = context.cameraPausedForNetwork;
      const { watch, decision } = watchUplink(context.uplinkWatch, event.uplink, Date.now(), paused);
      enqueue.assign({ quality: event.quality, uplink: event.uplink, downlink: event.downlink, uplinkWatch: watch });
      const session = context.session;
      if (!session) return;
      if (decision === 'pause' && context.media?.video && !context.cameraOff) {
        enqueue.assign({ cameraPausedForNetwork: true });
        enqueue(() => void session.setMuted('video', true, 'network').catch(() => undefined));
        enqueue.emit(mediaChange({ ...context, cameraPausedForNetwork: true }));
      } else if (decision === 'resume') {
        enqueue.assign({ cameraPausedForNetwork: false });
        // The person turned their camera off meanwhile: it stays off.
        if (!context.cameraOff) enqueue(() => void session.setMuted('video', false).catch(() => undefined));
        enqueue.emit(mediaChange({ ...context, cameraPausedForNetwork: false }));
      }
    }),
  },
}).createMachine({
  id: 'room',
  context: ({ input }) => ({
    settings: { ...defaultRoomSettings, ...input.settings } satisfies RoomSettings,
    request: null,
    room: null,
    role: 'guest',
    startMuted: false,
    phoneAudio: false,
    consult: false,
    redeemedDisplay: '',
    networkTestToken: '',
    session: null,
    media: null,
    ...freshAttempt,
    connection: 'closed',
    participants: [],
    sharing: false,
    screenTrack: null,
    leaveReason: 'hangup',
    facingMode: 'user',
    cameras: 0,
  }),
  initial: 'idle',
  on: {
    CONFIGURE: { actions: 'configure' },
    LEAVE: { target: '.left', actions: assign(({ event }) => ({ leaveReason: event.reason ?? 'hangup' })) },
  },
  states: {
    idle: {
      on: { JOIN: { guard: 'knowsRequest', target: 'starting', actions: 'takeRequest' } },
    },

    starting: {
      always: [
        { guard: 'needsRedeem', target: 'redeeming' },
        // Checking devices costs no wait: the call is joined at once with the tracks it opens, and
        // the connection is measured on the call itself (`live.network`). Only devices that cannot
        // be used bring the device check on screen (`checking`), with what to do about them.
        { target: 'joining' },
      ],
    },

    redeeming: {
      invoke: {
        id: 'redeem',
        src: 'redeem',
        input: ({ context }) => ({ code: (context.request as { code: string }).code }),
        onDone: {
          target: 'starting',
          actions: [
            assign(({ event }) => ({
              room: event.output.room,
              role: event.output.role,
              redeemedDisplay: event.output.display ?? '',
              phoneAudio: event.output.phoneAudio ?? false,
              startMuted: event.output.phoneAudio ?? false,
              consult: event.output.consult ?? false,
              networkTestToken: event.output.networkTestToken ?? '',
            })),
            { type: 'progress', params: 'opened' },
          ],
        },
        onError: { target: 'failed', actions: 'rememberError' },
      },
    },

    // Neither camera nor microphone could be used: the element shows the device check, with what
    // to do about them; each result it reports comes here with the tracks it opened.
    checking: {
      on: {
        DEVICES_CHECKED: [
          {
            guard: 'devicesFailed',
            // Reported once: the agent falls back (in a chat, the customer may ask for a call);
            // a later pass still joins if the room is there.
            actions: enqueueActions(({ context, event, enqueue }) => {
              enqueue(() => stopMedia(event.media));
              if (!context.devicesUnusable) enqueue({ type: 'progress', params: 'device-failed' });
              enqueue.assign({ devicesUnusable: true });
            }),
          },
          {
            target: 'joining',
            actions: enqueueActions(({ event, enqueue }) => {
              const step = guestStepOf(event.result);
              enqueue({ type: 'progress', params: step });
              // The check measured the network itself: the call need not measure it again.
              if (step !== 'audio-only')
                return enqueue.assign({ media: event.media, devicesUnusable: false, networkCheck: 'done' });
              // A poor network joins with sound only, and receives no camera video either.
              enqueue(() => event.media.video?.stop());
              enqueue.assign({
                media: { ...event.media, video: null, camera: 'off' },
                audioOnly: true,
                devicesUnusable: false,
                networkCheck: 'done',
              });
            }),
          },
        ],
      },
    },

    // Camera and microphone are asked for while the connection is being made.
    joining: {
      type: 'parallel',
      entry: enqueueActions(({ context, enqueue }) => {
        if (!context.media) enqueue({ type: 'progress', params: 'checking-devices' });
      }),
      on: {
        CONFIGURE: [
          { guard: 'adapterChanged', target: 'joining', reenter: true, actions: ['configure', 'dropSession'] },
          { actions: 'configure' },
        ],
      },
      states: {
        devices: {
          initial: 'deciding',
          states: {
            deciding: { always: [{ guard: 'hasMedia', target: 'ready' }, { target: 'acquiring' }] },
            acquiring: {
              invoke: {
                id: 'acquire',
                src: 'acquire',
                input: ({ context }) => ({
                  video: context.settings.video,
                  facingMode: context.facingMode,
                  who: displayOf(context),
                }),
                onDone: [
                  {
                    guard: 'devicesWork',
                    target: 'ready',
                    actions: enqueueActions(({ context, event, enqueue }) => {
                      enqueue.assign({ media: event.output });
                      if (context.settings.checkDevices) enqueue({ type: 'progress', params: 'devices-ready' });
                    }),
                  },
                  { target: '#room.checking', actions: [({ event }) => stopMedia(event.output), 'dropSession'] },
                ],
                onError: { target: '#room.failed', actions: 'rememberError' },
              },
            },
            ready: { type: 'final' },
          },
        },
        server: {
          initial: 'connecting',
          states: {
            connecting: {
              invoke: {
                id: 'join',
                src: 'join',
                input: ({ context }) => ({ adapter: context.settings.adapter, options: joinOptions({ context }) }),
                onDone: {
                  target: 'ready',
                  actions: assign({ session: ({ event }) => event.output, wasInSession: true, connection: 'connecting' }),
                },
                onError: { target: '#room.failed', actions: 'rememberError' },
              },
            },
            ready: { type: 'final' },
          },
        },
      },
      onDone: 'inSession',
    },

    inSession: {
      invoke: { id: 'session', src: 'session', input: ({ context }) => ({ session: context.session! }) },
      entry: assign(({ context }) => ({
        connection: context.session!.connectionState.get(),
        participants: context.session!.participants.get(),
      })),
      initial: 'publishing',
      on: {
        'SESSION.PARTICIPANTS': {
          actions: assign(({ context, event }) => ({
            participants: event.participants,
            othersLeft: event.participants.length === 0 && (context.othersLeft || context.participants.length > 0),
          })),
        },
        'SESSION.PARTICIPANT_JOINED': {
          actions: emit(({ event }) => ({
            type: 'participantJoined' as const,
            id: event.participant.id,
            display: event.participant.display,
            role: event.participant.role,
          })),
        },
        'SESSION.PARTICIPANT_LEFT': { actions: emit(({ event }) => ({ type: 'participantLeft' as const, id: event.id })) },
        'SESSION.CONNECTION': [
          {
            guard: ({ event }) => event.state === 'failed',
            target: 'failed',
            actions: assign({ connection: 'failed', error: null }),
          },
          {
            // The server ended the call (the agent hung up and the room is gone).
            guard: ({ event }) => event.state === 'closed',
            target: 'left',
            actions: [
              assign({ endedRemotely: true, leaveReason: 'ended', removed: ({ event }) => event.because === 'removed' }),
              emit({ type: 'endedRemotely' }),
            ],
          },
          { actions: [assign({ connection: ({ event }) => event.state }), 'announceMedia'] },
        ],
        // The same room, made again on another media server (the first died): the call follows it.
        MOVE: {
          guard: ({ context, event }) => event.server !== context.room?.server && context.session?.moveTo !== undefined,
          actions: [
            assign({ room: ({ context, event }) => ({ ...context.room!, server: event.server }) }),
            ({ context, event }) => context.session!.moveTo!(event.server),
          ],
        },
      },
      states: {
        publishing: {
          invoke: {
            id: 'publish',
            src: 'publish',
            input: ({ context }) => ({ session: context.session!, media: context.media!, startMuted: context.startMuted }),
            onDone: {
              target: 'live',
              actions: enqueueActions(({ context, enqueue }) => {
                enqueue.assign({ micMuted: context.startMuted, cameraOff: false });
                enqueue.emit({ type: 'joined', participantId: context.session!.participantId, room: context.room!.room });
                enqueue({ type: 'progress', params: 'joined' });
                // A customer who can neither be seen nor heard cannot do video: the agent falls back to voice.
                if (!context.media!.audio && !context.media!.video) enqueue({ type: 'progress', params: 'device-failed' });
                enqueue.emit(mediaChange({ ...context, micMuted: context.startMuted, cameraOff: false }));
              }),
            },
            onError: { target: '#room.failed', actions: 'rememberError' },
          },
        },
        live: {
          type: 'parallel',
          invoke: { id: 'stats', src: 'stats', input: ({ context }) => ({ session: context.session! }) },
          on: {
            'SESSION.QUALITY': { actions: 'readQuality' },
            TOGGLE_MIC: { guard: 'hasMic', actions: { type: 'toggleSending', params: 'audio' } },
            USE_DEVICE_AUDIO: {
              guard: ({ context }) => context.phoneAudio,
              actions: enqueueActions(({ context, enqueue }) => {
                enqueue.assign({ phoneAudio: false });
                if (context.media?.audio && context.micMuted) enqueue({ type: 'toggleSending', params: 'audio' });
                else enqueue.emit(mediaChange(context));
              }),
            },
            TOGGLE_CAMERA: { guard: 'hasCamera', actions: { type: 'toggleSending', params: 'video' } },
          },
          states: {
            call: {
              initial: 'linking',
              states: {
                linking: {
                  always: [
                    { guard: 'connected', target: 'waiting' },
                    { guard: 'reconnecting', target: 'reconnecting' },
                  ],
                },
                waiting: {
                  always: [
                    { guard: 'reconnecting', target: 'reconnecting' },
                    { guard: 'linking', target: 'linking' },
                    { guard: 'someoneThere', target: 'inCall' },
                  ],
                },
                inCall: {
                  always: [
                    { guard: 'reconnecting', target: 'reconnecting' },
                    { guard: 'linking', target: 'linking' },
                    { guard: 'nobodyThere', target: 'waiting' },
                  ],
                },
                reconnecting: {
                  invoke: { id: 'locate', src: 'locate', input: ({ context }) => ({ room: context.room! }) },
                  always: [
                    { guard: 'connected', target: 'waiting' },
                    { guard: 'linking', target: 'linking' },
                  ],
                },
              },
            },
            // With `checkDevices`: the first seconds of the call measure its own connection, as the
            // device check's network test would; a poor one goes to sound only at once.
            network: {
              initial: 'deciding',
              states: {
                deciding: { always: [{ guard: 'measuresNetwork', target: 'measuring' }, { target: 'done' }] },
                measuring: {
                  entry: assign({ networkCheck: 'measuring' }),
                  invoke: {
                    id: 'measureConnection',
                    src: 'measureConnection',
                    input: ({ context }) => ({ session: context.session! }),
                    onDone: { target: 'done', actions: 'judgeConnection' },
                    onError: 'done',
                  },
                  exit: assign({ networkCheck: 'done' }),
                },
                done: {},
              },
            },
            screen: {
              initial: 'off',
              states: {
                off: {
                  on: {
                    SHARE_SCREEN: { target: 'starting', actions: assign({ screenTrack: ({ event }) => event.track }) },
                  },
                },
                starting: {
                  invoke: {
                    id: 'startScreenShare',
                    src: 'startScreenShare',
                    input: ({ context }) => ({ session: context.session!, track: context.screenTrack! }),
                    onDone: { target: 'on', actions: [assign({ sharing: true }), 'announceMedia'] },
                    onError: {
                      target: 'off',
                      actions: [
                        'stopScreenTrack',
                        assign({ screenTrack: null }),
                        emit(({ event }) => ({ type: 'error' as const, during: 'screen-share' as const, error: event.error })),
                      ],
                    },
                  },
                },
                on: {
                  invoke: { id: 'watchScreen', src: 'watchScreen', input: ({ context }) => ({ track: context.screenTrack! }) },
                  on: {
                    STOP_SCREEN: 'stopping',
                    'SESSION.SCREEN_ENDED': {
                      target: 'off',
                      actions: [assign({ sharing: false, screenTrack: null }), 'announceMedia'],
                    },
                  },
                },
                stopping: {
                  invoke: {
                    id: 'stopScreenShare',
                    src: 'stopScreenShare',
                    input: ({ context }) => ({ session: context.session! }),
                    onDone: { target: 'off', actions: [assign({ sharing: false, screenTrack: null }), 'announceMedia'] },
                    onError: { target: 'off', actions: [assign({ sharing: false, screenTrack: null }), 'announceMedia'] },
                  },
                },
              },
            },
            camera: {
              initial: 'counting',
              states: {
                counting: {
                  invoke: {
                    id: 'countCameras',
                    src: 'countCameras',
                    onDone: { target: 'steady', actions: assign({ cameras: ({ event }) => event.output }) },
                    onError: 'steady',
                  },
                },
                steady: { on: { SWITCH_CAMERA: { guard: 'hasCamera', target: 'switching' } } },
                switching: {
                  invoke: {
                    id: 'switchCamera',
                    src: 'switchCamera',
                    input: ({ context }) => ({ session: context.session!, facingMode: context.facingMode }),
                    onDone: {
                      target: 'steady',
                      actions: assign(({ context, event }) =>
                        event.output
                          ? {
                              facingMode: event.output.facingMode,
                              media: { ...context.media!, video: event.output.track, camera: 'ok' as const },
                            }
                          : {},
                      ),
                    },
                    onError: 'steady',
                  },
                },
              },
            },
          },
        },
      },
    },

    left: {
      entry: enqueueActions(({ context, enqueue }) => {
        const wasIn = context.wasInSession;
        enqueue('release');
        // After the call ended there is nobody to tell (and the service answers 410 Gone).
        if (wasIn && context.leaveReason !== 'ended') enqueue({ type: 'progress', params: 'left' });
        if (wasIn) enqueue.emit({ type: 'left', reason: context.leaveReason });
        enqueue.assign({ wasInSession: false });
      }),
      on: {
        JOIN: { guard: 'knowsRequest', target: 'starting', actions: 'takeRequest' },
        LEAVE: {},
      },
    },

    // Joining failed, or the connection failed for good; JOIN tries again.
    failed: {
      entry: enqueueActions(({ context, enqueue }) => {
        const connectionFailed = context.wasInSession && context.connection === 'failed';
        enqueue('release');
        if (connectionFailed) {
          // Kept for readers: the call was in and its connection failed (not a join that failed).
          enqueue.assign({ connection: 'failed' });
          enqueue({ type: 'progress', params: 'left' });
          enqueue.emit({ type: 'left', reason: 'failed' });
        } else {
          enqueue.emit({ type: 'error', during: 'join', error: context.error });
        }
        enqueue.assign({ wasInSession: false });
      }),
      on: { JOIN: { guard: 'knowsRequest', target: 'starting', actions: 'takeRequest' } },
    },
  },
});

export type RoomMachine = typeof roomMachine;
