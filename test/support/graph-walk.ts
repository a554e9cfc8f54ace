// What both statecharts' graph tests need: the events a chart listens for, the ones that can
// arrive in a snapshot (results only from actors that run), the state nodes it can rest in, and
// which configurations can reach a goal.
import { getStateNodes } from '@xstate/graph';
import type { AnyStateMachine, AnyStateNode, EventObject, AnyMachineSnapshot } from 'xstate';

export function allNodes(machine: AnyStateMachine): AnyStateNode[] {
  return [machine.root, ...getStateNodes(machine.root)];
}

/** Nodes a configuration can rest in: a transient node (only eventless transitions) is passed through. */
export function restingNodes(machine: AnyStateMachine): AnyStateNode[] {
  return allNodes(machine).filter((node) => !(node.always?.length && node.transitions.size === 0));
}

/**
 * Every event type any state listens for (timers and invoked actors' results included), as
 * examples. A state's own "done" is raised by the machine when its regions finish, never sent.
 */
export function allEvents(machine: AnyStateMachine, examplesOf: (type: string) => EventObject[]): EventObject[] {
  const types = new Set<string>();
  for (const node of allNodes(machine)) for (const type of node.transitions.keys()) types.add(type);
  return [...types].filter((type) => !type.startsWith('xstate.done.state.')).flatMap(examplesOf);
}

const actorResult = /^xstate\.(done|error)\.actor\.(.+)$/;

/** What can happen next: any event, but results only from actors that are running. */
export function eventsFor(snapshot: AnyMachineSnapshot, events: EventObject[]): EventObject[] {
  return events.filter((event) => {
    const match = actorResult.exec(event.type);
    return !match || match[2]! in snapshot.children;
  });
}

export interface GraphNode<S> {
  state: S;
  transitions: Record<string, { event: EventObject; state: S }>;
}

/**
 * The configurations (by key) from which one satisfying `goal` can be reached, walking back
 * along every transition whose event `use` allows.
 */
export function canReach<S>(
  adjacency: Record<string, GraphNode<S>>,
  serialize: (state: S) => string,
  goal: (state: S) => boolean,
  use: (event: EventObject) => boolean = () => true,
): Set<string> {
  const keys = Object.keys(adjacency);
  const predecessors = new Map<string, Set<string>>();
  for (const key of keys) {
    for (const { event, state } of Object.values(adjacency[key]!.transitions)) {
      if (!use(event)) continue;
      const next = serialize(state);
      if (!predecessors.has(next)) predecessors.set(next, new Set());
      predecessors.get(next)!.add(key);
    }
  }
  const reached = new Set(keys.filter((key) => goal(adjacency[key]!.state)));
  const queue = [...reached];
  while (queue.length) {
    for (const before of predecessors.get(queue.shift()!) ?? []) {
      if (!reached.has(before)) {
        reached.add(before);
        queue.push(before);
      }
    }
  }
  return reached;
}
