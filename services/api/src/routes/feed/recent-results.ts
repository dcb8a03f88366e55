/**
 * Results of a load remembered for a short time and shared by every caller meanwhile: readers opening the
 * feed in the same second cost one query, and those arriving while it runs wait for it rather than run it
 * again (without that, fifty readers finding a page expired at once ran fifty queries).
 */
export class RecentResults<Value> {
  private readonly entries = new Map<string, { loadedAt: number; value: Promise<Value> }>();

  constructor(
    private readonly ttlMs: number,
    /** Entries kept at most; past that the memory starts over. */
    private readonly capacity: number,
  ) {}

  /** The value loaded for `key` less than ttlMs before `at`, or a new load's. */
  get(key: string, at: number, load: () => Promise<Value>): Promise<Value> {
    const entry = this.entries.get(key);
    if (entry && at >= entry.loadedAt && at - entry.loadedAt < this.ttlMs) return entry.value;
    if (this.entries.size >= this.capacity) this.entries.clear();
    const value = load();
    this.entries.set(key, { loadedAt: at, value });
    // A failure is not remembered: the next caller tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
