import { TfIdfIndex } from '@kf/domain';
import type { Database } from './client.js';
import { listStoryTermsChangedSince } from './repositories/story-terms.repository.js';

/**
 * Rows committed out of timestamp order (a slow transaction) would be missed by a strict "since"; re-reading
 * a short overlap each sync costs little, and re-applying a row is idempotent.
 */
const SYNC_OVERLAP_MS = 10_000;
/** Re-weight stored vectors once a tenth of the corpus changed since the last time (idf drift). */
const REWEIGHT_AT_DRIFT = 0.1;

/**
 * An in-memory TF-IDF index kept in step with the term counts in PostgreSQL, so any process (each worker, each
 * API process for search) rebuilds it at start and follows changes made by the others.
 */
export class StoryIndexMirror {
  readonly index = new TfIdfIndex();
  /** Business unit of every indexed story, to tell neighbours from other units. */
  readonly unitOf = new Map<string, string>();
  /** The version of each story applied, so the overlap window re-reads rows without re-applying them. */
  private readonly appliedAt = new Map<string, number>();
  private watermark: Date | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  /** Applies every change since the last sync; concurrent callers share one sync. */
  sync(): Promise<void> {
    this.running ??= this.applyChanges().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async applyChanges(): Promise<void> {
    const since = this.watermark && new Date(this.watermark.getTime() - SYNC_OVERLAP_MS);
    const changes = await listStoryTermsChangedSince(this.db, since);
    for (const change of changes) {
      if (this.appliedAt.get(change.storyId) === change.updatedAt.getTime()) continue;
      this.appliedAt.set(change.storyId, change.updatedAt.getTime());
      if (change.deleted) {
        this.index.remove(change.storyId);
        this.unitOf.delete(change.storyId);
      } else {
        this.index.upsert(change.storyId, change.termCounts);
        this.unitOf.set(change.storyId, change.unitSlug);
      }
      if (!this.watermark || change.updatedAt > this.watermark) this.watermark = change.updatedAt;
    }
    if (this.index.driftRatio() >= REWEIGHT_AT_DRIFT) this.index.reweight();
  }
}
