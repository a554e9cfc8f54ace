// The call's statechart and what goes with it: its words, its effects, its readers, and the
// bridge that lets an escalation invoke it.
export { roomMachine, type RoomMachine } from './room-machine.js';
export { roomActors, locateWith, leaveOnce, CannotRedeemError, STATS_EVERY_MS, LOCATE_EVERY_MS } from './actors.js';
export { selectRoomPhase, selectMediaReport, isInRoom, type RoomSnapshot, type MediaReport } from './selectors.js';
export { mediaSessionFor, type RoomActor } from './bridge.js';
export * from './types.js';
