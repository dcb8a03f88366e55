interface Entry<Value> {
  loadedAt: number;
  value: Promise<Value>;
  /** The value once loaded (what a stale read serves). */
  loaded?: { value: Value };
  /** A newer load under way for this key, started by a stale read. */
  refreshing?: boolean;
}

/**
 * Results of a load remembered for a short time and shared by every caller meanwhile: readers opening the
 * feed in the same second cost one query, and those arriving while it runs wait for it rather than run it
 * again (without that, fifty readers finding a page expired at once ran fifty queries).
 *
 * With `serveStaleWhileLoading`, a result that expired less than ttlMs ago is still served while a newer one
 * loads, once, in the background: nobody waits for a slow load that replaces a good result (a feed ranking
 * over a million stories takes a second), and the result is at most one load's time older than ttlMs.
 */
export class RecentResults<Value> {
  private readonly entries = new Map<string, Entry<Value>>();

  constructor(
    private readonly ttlMs: number,
    /** Entries kept at most; past that the memory starts over. */
    private readonly capacity: number,
    private readonly options: { serveStaleWhileLoading?: boolean } = {},
  ) {}

  /** The value loaded for `key` less than ttlMs before `at`, or a new load's. */
  get(key: string, at: number, load: () => Promise<Value>): Promise<Value> {
    const entry = this.entries.get(key);
    if (entry && at >= entry.loadedAt) {
      const age = at - entry.loadedAt;
      if (age < this.ttlMs) return entry.value;
      if (this.options.serveStaleWhileLoading && entry.loaded && age < 2 * this.ttlMs) {
        if (!entry.refreshing) {
          entry.refreshing = true;
          const refreshed = load();
          // Replaces the entry once loaded; a failure leaves the stale one, and the next reader tries again.
          refreshed.then(
            (value) => this.entries.set(key, { loadedAt: at, value: refreshed, loaded: { value } }),
            () => (entry.refreshing = false),
          );
        }
        return Promise.resolve(entry.loaded.value);
      }
    }
    if (this.entries.size >= this.capacity) this.entries.clear();
    const value = load();
    const created: Entry<Value> = { loadedAt: at, value };
    this.entries.set(key, created);
    value.then(
      (loaded) => (created.loaded = { value: loaded }),
      // A failure is not remembered: the next caller tries again.
      () => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      },
    );
    return value;
  }
}
