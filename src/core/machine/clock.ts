// Wall-clock time as the actor sees it. Timestamps come from the actor system's clock when it
// has one (SimulatedClock in tests), so closing summaries are exact under simulated time.
import type { AnyActorRef } from 'xstate';

interface ClockWithNow {
  now(): number;
}

function hasNow(clock: unknown): clock is ClockWithNow {
  return typeof clock === 'object' && clock !== null && typeof (clock as Partial<ClockWithNow>).now === 'function';
}

export function actorNow(self: AnyActorRef): number {
  // `_clock` is the clock passed to createActor; xstate keeps it on the system.
  const clock: unknown = (self.system as unknown as { _clock?: unknown })._clock;
  return hasNow(clock) ? clock.now() : Date.now();
}
