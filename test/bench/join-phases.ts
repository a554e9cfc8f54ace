// The join's steps from the page's performance marks (src/core/diagnostics/join-marks.ts): for each
// step, when the later of the two participants reached it, in ms since the measured join started;
// and how long the main thread was busy in long tasks meanwhile.
import { JOIN_MARK_PREFIX } from '../../src/core/diagnostics/join-marks.js';

export interface Timed {
  ms: number;
  phases: Record<string, number>;
  /** The same steps for each participant (by the name they joined as). */
  byWho: Record<string, Record<string, number>>;
}

let longTasks: PerformanceEntry[] = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

/** Lets go of the long tasks seen so far (the leak check's cycles would otherwise pile them up). */
export function forgetLongTasks(): void {
  longTasks = [];
}

export function joinPhases(started: number): Record<string, number> {
  const phases: Record<string, number> = {};
  // Time the page could not answer an event (ICE state, a frame callback) for: over 50 ms a task.
  phases['long-tasks'] = longTasks.filter((task) => task.startTime >= started).reduce((sum, task) => sum + task.duration, 0);
  for (const mark of performance.getEntriesByType('mark')) {
    if (!mark.name.startsWith(JOIN_MARK_PREFIX) || mark.startTime < started) continue;
    const step = mark.name.slice(JOIN_MARK_PREFIX.length);
    phases[step] = Math.max(phases[step] ?? 0, mark.startTime - started);
  }
  return phases;
}

/** For each participant, when each step was reached, in ms since the measured join started. */
export function joinPhasesByWho(started: number): Record<string, Record<string, number>> {
  const byWho: Record<string, Record<string, number>> = {};
  for (const mark of performance.getEntriesByType('mark') as PerformanceMark[]) {
    if (!mark.name.startsWith(JOIN_MARK_PREFIX) || mark.startTime < started) continue;
    const who = String(mark.detail);
    const step = mark.name.slice(JOIN_MARK_PREFIX.length);
    (byWho[who] ??= {})[step] ??= mark.startTime - started;
  }
  return byWho;
}
