import { TfIdfIndex } from '@kf/domain';
import type { Database } from './client.js';
import {
  addTerms,
  findSyncHorizon,
  findTerms,
  listStoryTermsWrittenSince,
  listTerms,
  type StoryTermsRecord,
} from './repositories/story-terms.repository.js';

/** Re-weight stored vectors once a tenth of the corpus changed since the last time (idf drift). */
const REWEIGHT_AT_DRIFT = 0.1;
/** Counts are stored as int2: a term said more often in one story (never seen) counts this many times. */
const MAX_STORED_COUNT = 32_767;

/** A story's term vector packed for `story_terms` (see StoryTermsRecord). */
export type PackedTerms = Pick<StoryTermsRecord, 'termIds' | 'counts'>;

type StoredRow = Pick<StoryTermsRecord, 'termIds' | 'counts'>;

/** Dictionary ids of a stored row (int4, big-endian). */
function storedTermIds(row: StoredRow): Int32Array {
  const ids = new Int32Array(row.termIds.length / 4);
  for (let i = 0; i < ids.length; i++) ids[i] = row.termIds.readInt32BE(4 * i);
  return ids;
}

/**
 * An in-memory TF-IDF index kept in step with the term vectors in PostgreSQL, so any process (each worker, each
 * API process for search) rebuilds it at start and follows changes made by the others.
 *
 * Following changes: each row carries the transaction that wrote it. A sync first notes the oldest transaction
 * still running (the horizon), then reads the rows written since the previous horizon; every transaction
 * before the new horizon has ended, so the next sync, reading from it, misses no row however late its
 * transaction commits, and re-reads only rows of transactions that were running (those already applied are
 * skipped).
 */
export class StoryIndexMirror {
  readonly index = new TfIdfIndex();
  /** Business unit of every indexed story, to tell neighbours from other units. */
  readonly unitOf = new Map<string, string>();
  /** Stories added, replaced or removed since the first load: how far document frequencies have moved. */
  changes = 0;
  /** The writing transaction of each story's applied row, so re-read rows are not applied twice. */
  private readonly appliedBy = new Map<string, string>();
  private horizon: string | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** The dictionary, both ways: term by id (index-independent), id by term. */
  private readonly termById = new Map<number, string>();
  private readonly idByTerm = new Map<string, number>();
  /** Index term id by dictionary id (-1 unknown), so loading looks no string up. */
  private indexTermIds = new Int32Array(0).fill(-1);

  constructor(private readonly db: Database) {}

  /**
   * Applies every change committed before the call. A sync under way may have read before the caller's own
   * write committed, so callers arriving meanwhile share one more sync after it.
   */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.applyChanges().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.sync();
      });
    return this.queued;
  }

  /**
   * Packs term counts for `story_terms`, adding terms new to the dictionary (ids assigned by PostgreSQL, so
   * every process agrees on them).
   */
  async pack(termCounts: readonly ReadonlyMap<string, number>[]): Promise<PackedTerms[]> {
    const unknown = new Set<string>();
    for (const counts of termCounts)
      for (const term of counts.keys()) if (!this.idByTerm.has(term)) unknown.add(term);
    if (unknown.size) {
      const terms = [...unknown];
      this.learnTerms(await addTerms(this.db, terms));
      const stillUnknown = terms.filter((term) => !this.idByTerm.has(term));
      if (stillUnknown.length) this.learnTerms(await findTerms(this.db, stillUnknown));
    }
    return termCounts.map((counts) => {
      const termIds = Buffer.allocUnsafe(4 * counts.size);
      const packedCounts = Buffer.allocUnsafe(2 * counts.size);
      let i = 0;
      for (const [term, count] of counts) {
        termIds.writeInt32BE(this.idByTerm.get(term)!, 4 * i);
        packedCounts.writeInt16BE(Math.min(count, MAX_STORED_COUNT), 2 * i);
        i++;
      }
      return { termIds, counts: packedCounts };
    });
  }

  private learnTerms(rows: readonly { id: number; term: string }[]): void {
    for (const { id, term } of rows) {
      this.termById.set(id, term);
      this.idByTerm.set(term, id);
    }
  }

  /** The index's term id for a dictionary id (its term learnt before). */
  private indexTermId(dictionaryId: number): number {
    if (dictionaryId >= this.indexTermIds.length) {
      const grown = new Int32Array(Math.max(1024, (dictionaryId + 1) * 2)).fill(-1);
      grown.set(this.indexTermIds);
      this.indexTermIds = grown;
    }
    let termId = this.indexTermIds[dictionaryId]!;
    if (termId === -1) {
      termId = this.index.termId(this.termById.get(dictionaryId)!);
      this.indexTermIds[dictionaryId] = termId;
    }
    return termId;
  }

  private async applyChanges(): Promise<void> {
    const horizon = await findSyncHorizon(this.db);
    const first = this.horizon === null;
    // The whole dictionary at start, rather than thousands of lookups.
    if (first) this.learnTerms(await listTerms(this.db, null));
    const rows = await listStoryTermsWrittenSince(this.db, this.horizon);
    const changes = rows.filter((row) => this.appliedBy.get(row.storyId) !== row.writtenBy);
    const vectors = new Map<string, Int32Array>();
    const unknown = new Set<number>();
    for (const change of changes) {
      if (change.deleted) continue;
      const ids = storedTermIds(change);
      vectors.set(change.storyId, ids);
      for (const id of ids) if (!this.termById.has(id)) unknown.add(id);
    }
    if (unknown.size) this.learnTerms(await listTerms(this.db, [...unknown]));

    const added = changes.filter((change) => !change.deleted);
    for (const change of changes) {
      this.appliedBy.set(change.storyId, change.writtenBy);
      if (change.deleted) {
        this.index.remove(change.storyId);
        this.unitOf.delete(change.storyId);
      } else this.unitOf.set(change.storyId, change.unitSlug);
    }
    // Many changes (a start, a bulk import) are loaded at once, postings written once; loading re-weights.
    if (first || added.length >= REWEIGHT_AT_DRIFT * this.index.size) {
      this.index.load(
        added.map((change) => {
          const ids = vectors.get(change.storyId)!;
          const termIds = ids.map((id) => this.indexTermId(id));
          const counts = new Int32Array(ids.length);
          for (let i = 0; i < counts.length; i++) counts[i] = change.counts.readInt16BE(2 * i);
          return { id: change.storyId, termIds, counts };
        }),
      );
    } else {
      for (const change of added) {
        const ids = vectors.get(change.storyId)!;
        const counts = new Map<string, number>();
        for (let i = 0; i < ids.length; i++)
          counts.set(this.termById.get(ids[i]!)!, change.counts.readInt16BE(2 * i));
        this.index.upsert(change.storyId, counts);
      }
      if (this.index.driftRatio() >= REWEIGHT_AT_DRIFT) this.index.reweight();
    }
    if (!first) this.changes += changes.length;
    this.horizon = horizon;
  }
}
