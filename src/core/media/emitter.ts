// A typed event emitter for session events, so adapters share one implementation.
export class Emitter<Events> {
  private readonly listeners = new Map<keyof Events, Set<(detail: never) => void>>();

  on<K extends keyof Events>(type: K, listener: (detail: Events[K]) => void): () => void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    const set = this.listeners.get(type)!;
    set.add(listener as (detail: never) => void);
    return () => set.delete(listener as (detail: never) => void);
  }

  emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) (listener as (detail: Events[K]) => void)(detail);
  }

  clear(): void {
    this.listeners.clear();
  }
}
