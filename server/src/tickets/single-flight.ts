/**
 * One piece of work per key at a time: callers that ask while it runs share its result.
 * Twenty technicians opening the same ticket at once make one read of Manage, not twenty.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, work: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
