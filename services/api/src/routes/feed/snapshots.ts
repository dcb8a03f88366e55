import { type Database, feedSnapshots } from '@kf/db';
import { RecentResults } from './recent-results.js';

/**
 * Readers opening the feed within this span share one frozen ranking (one write per filter, not per reader);
 * after it, readers are served the last one while the next is ranked.
 */
const SNAPSHOT_REUSE_MS = 10_000;
/** Filters (unit × tag) whose current ranking is remembered at most. */
const MAX_FILTERS = 256;
/** How deep a frozen ranking goes; readers rarely page past it. */
const SNAPSHOT_DEPTH = 1_000;
/** Snapshots kept in memory by id, for readers paging with a cursor… */
const MAX_SNAPSHOTS_BY_ID = 256;
/** …for this long, then looked up again, so one the worker has dropped stops serving soon after. */
const REMEMBER_BY_ID_MS = 60_000;

export interface Snapshot {
  id: string;
  storyIds: string[];
}

/**
 * Frozen feed rankings, stored in PostgreSQL (so a cursor works on any API process) and remembered here:
 * a snapshot never changes, so serving it from memory saves reading and parsing its thousand ids on every
 * page, the largest part of a feed request.
 */
export class FeedSnapshots {
  private readonly recentByFilter = new RecentResults<Snapshot>(SNAPSHOT_REUSE_MS, MAX_FILTERS, {
    serveStaleWhileLoading: true,
  });
  private readonly byId = new Map<string, { snapshot: Snapshot; rememberedAt: number }>();

  constructor(private readonly db: Database) {}

  /** The ranking readers of this filter share now: remembered, another process's recent one, or a new one. */
  async current(filter: feedSnapshots.FeedFilter, at: Date): Promise<Snapshot> {
    const filterKey = JSON.stringify([filter.unit ?? null, filter.tag ?? null]);
    return this.recentByFilter.get(filterKey, at.getTime(), async () => {
      const since = new Date(at.getTime() - SNAPSHOT_REUSE_MS);
      const snapshot =
        (await feedSnapshots.findRecentSnapshot(this.db, filterKey, since)) ??
        (await feedSnapshots.insertSnapshot(
          this.db,
          filterKey,
          await feedSnapshots.rankStoryIds(this.db, filter, SNAPSHOT_DEPTH),
          at,
        ));
      this.remember(snapshot, at);
      return snapshot;
    });
  }

  /** A snapshot a cursor points at, or undefined once the worker dropped it. */
  async find(id: string, at: Date): Promise<Snapshot | undefined> {
    const remembered = this.byId.get(id);
    if (remembered && remembered.rememberedAt > at.getTime() - REMEMBER_BY_ID_MS) return remembered.snapshot;
    this.byId.delete(id);
    const snapshot = await feedSnapshots.findSnapshot(this.db, id);
    if (snapshot) this.remember(snapshot, at);
    return snapshot;
  }

  private remember(snapshot: Snapshot, at: Date): void {
    // Oldest out first: a Map iterates in insertion order.
    if (this.byId.size >= MAX_SNAPSHOTS_BY_ID) this.byId.delete(this.byId.keys().next().value!);
    this.byId.set(snapshot.id, { snapshot, rememberedAt: at.getTime() });
  }
}
