import { TfIdfIndex } from '@kf/domain';
import type { Database } from './client.js';
import { prefaultPages } from './prefault-pages.js';
import {
  addTerms,
  findSyncHorizon,
  findTerms,
  listStoryTermsWrittenSince,
  estimateStoredTerms,
  listTerms,
  type StoryTermsRecord,
  visitLiveStoryTerms,
  type WrittenStoryTerms,
} from './repositories/story-terms.repository.js';

/** Re-weight stored vectors once a tenth of the corpus changed since the last time (idf drift). */
const REWEIGHT_AT_DRIFT = 0.1;
/**
 * Added to the planner's estimate of the stored terms when a first load reserves room for them: the estimate
 * runs short where rows were compressed or sampled, and a load that overruns its room by a little copies
 * everything once more (the cost the reserve saves).
 */
const STORED_TERMS_MARGIN = 0.125;
/** Counts are stored as int2: a term said more often in one story (never seen) counts this many times. */
const MAX_STORED_COUNT = 32_767;

/** A story's term vector packed for `story_terms` (see StoryTermsRecord). */
export type PackedTerms = Pick<StoryTermsRecord, 'termIds' | 'counts'>;

type StoredRow = Pick<StoryTermsRecord, 'termIds' | 'counts'>;

/** Whether transaction id `a` is older than `b` (xid8 as decimal text: fewer digits, or lower). */
function transactionBefore(a: string, b: string): boolean {
  return a.length < b.length || (a.length === b.length && a < b);
}

/** A stored row's packed arrays, read as big-endian int4 term ids and int2 counts without copying. */
function packedViews(row: StoredRow) {
  const { termIds, counts } = row;
  return {
    length: termIds.length / 4,
    termIds: new DataView(termIds.buffer, termIds.byteOffset, termIds.length),
    counts: new DataView(counts.buffer, counts.byteOffset, counts.length),
  };
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
  /** A start-up's index arrays are first touched on a thread of their own while the rows stream in. */
  readonly index = new TfIdfIndex({ prefault: (buffers) => void prefaultPages(buffers) });
  /** Stories added, replaced or removed since the first load: how far document frequencies have moved. */
  changes = 0;
  /**
   * The writing transaction of each applied row that a later sync may read again (written at or after the
   * horizon), so it is not applied twice.
   */
  private readonly appliedBy = new Map<string, string>();
  private horizon: string | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** The dictionary, both ways: term by id (index-independent), id by term. */
  private readonly termById = new Map<number, string>();
  private readonly idByTerm = new Map<string, number>();
  /** Index term id by dictionary id (-1 not learnt yet), so loading looks no string up. */
  private indexTermIds = new Int32Array(0).fill(-1);
  /** Where `indexVector` converts a row. */
  private vectorTermIds = new Int32Array(256);
  private vectorCounts = new Int32Array(256);

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

  /** Learns dictionary entries, interning each term in the index, so a stored id maps to it by one lookup. */
  private learnTerms(rows: readonly { id: number; term: string }[]): void {
    for (const { id, term } of rows) {
      this.termById.set(id, term);
      this.idByTerm.set(term, id);
      if (id >= this.indexTermIds.length) {
        const grown = new Int32Array(Math.max(1024, (id + 1) * 2)).fill(-1);
        grown.set(this.indexTermIds);
        this.indexTermIds = grown;
      }
      this.indexTermIds[id] = this.index.termId(term);
    }
  }

  /** Dictionary ids in these rows that this process has not learnt yet. */
  private unknownTermIds(rows: readonly StoredRow[]): number[] {
    const unknown = new Set<number>();
    const { indexTermIds } = this;
    for (const row of rows) {
      const { length, termIds } = packedViews(row);
      for (let i = 0; i < length; i++) {
        const id = termIds.getInt32(4 * i);
        if (!(indexTermIds[id]! >= 0)) unknown.add(id);
      }
    }
    return [...unknown];
  }

  /**
   * A stored row as the index loads it, in arrays reused from one row to the next (`load` copies them), so a
   * start-up of 200k stories allocates nothing per term. Valid until the next call. Null when the row names
   * a dictionary id this process has not learnt yet.
   */
  private indexVector(row: StoredRow & { storyId: string }) {
    const packed = packedViews(row);
    if (packed.length > this.vectorTermIds.length) {
      this.vectorTermIds = new Int32Array(packed.length * 2);
      this.vectorCounts = new Int32Array(packed.length * 2);
    }
    const { vectorTermIds: termIds, vectorCounts: counts, indexTermIds } = this;
    for (let i = 0; i < packed.length; i++) {
      const termId = indexTermIds[packed.termIds.getInt32(4 * i)]!;
      if (!(termId >= 0)) return null;
      termIds[i] = termId;
      counts[i] = packed.counts.getInt16(2 * i);
    }
    return {
      id: row.storyId,
      termIds: termIds.subarray(0, packed.length),
      counts: counts.subarray(0, packed.length),
    };
  }

  /** Rows as the index loads them, once their terms were learnt: an id in no dictionary is a RangeError. */
  private *indexVectors(rows: readonly (StoredRow & { storyId: string })[]) {
    for (const row of rows) {
      const vector = this.indexVector(row);
      if (!vector) throw new RangeError(`story ${row.storyId}: a term id in no dictionary`);
      yield vector;
    }
  }

  /** Notes an applied row's transaction while a later sync may read the row again. */
  private noteApplied(change: WrittenStoryTerms, horizon: string): void {
    if (!transactionBefore(change.writtenBy, horizon)) this.appliedBy.set(change.storyId, change.writtenBy);
  }

  private async applyChanges(): Promise<void> {
    const horizon = await findSyncHorizon(this.db);
    if (this.horizon === null) await this.loadAll(horizon);
    else await this.applyWrittenSince(this.horizon, horizon);
    this.horizon = horizon;
  }

  /**
   * The first sync: the whole dictionary, then every live row stored in the index as it streams in (the
   * postings written once, at the end). No row is held, so a start-up's peak memory is the index's, not the
   * index's plus every row's (200k stories: 540 MB instead of 710 MB). Rows naming terms added to the
   * dictionary after it was read wait for those. A load that fails is undone: the next sync starts again
   * from an empty index.
   */
  private async loadAll(horizon: string): Promise<void> {
    this.learnTerms(await listTerms(this.db, null));
    const estimate = await estimateStoredTerms(this.db);
    const loading = this.index.startLoad(Math.ceil(estimate * (1 + STORED_TERMS_MARGIN)));
    try {
      const waiting: WrittenStoryTerms[] = [];
      await visitLiveStoryTerms(this.db, (row) => {
        this.noteApplied(row, horizon);
        const vector = this.indexVector(row);
        if (vector) loading.add(vector);
        else waiting.push({ ...row, termIds: Buffer.from(row.termIds), counts: Buffer.from(row.counts) });
      });
      if (waiting.length) {
        this.learnTerms(await listTerms(this.db, this.unknownTermIds(waiting)));
        for (const vector of this.indexVectors(waiting)) loading.add(vector);
      }
    } catch (error) {
      loading.finish();
      for (const storyId of [...this.index.ids()]) this.index.remove(storyId);
      this.appliedBy.clear();
      throw error;
    }
    loading.finish();
  }

  /** The rows written since the previous horizon, less those applied already (see the class comment). */
  private async applyWrittenSince(previousHorizon: string, horizon: string): Promise<void> {
    const rows = await listStoryTermsWrittenSince(this.db, previousHorizon);
    const changes = rows.filter((row) => this.appliedBy.get(row.storyId) !== row.writtenBy);
    const added = changes.filter((change) => !change.deleted);
    const unknown = this.unknownTermIds(added);
    if (unknown.length) this.learnTerms(await listTerms(this.db, unknown));

    // Rows of transactions before the new horizon are never read again: only the others need remembering.
    for (const [storyId, writtenBy] of this.appliedBy)
      if (transactionBefore(writtenBy, horizon)) this.appliedBy.delete(storyId);
    for (const change of changes) {
      this.noteApplied(change, horizon);
      if (change.deleted) this.index.remove(change.storyId);
    }
    // Many changes (a bulk import) are loaded at once, postings written once; loading re-weights.
    if (added.length >= REWEIGHT_AT_DRIFT * this.index.size) {
      this.index.load(this.indexVectors(added));
    } else {
      for (const change of added) {
        const packed = packedViews(change);
        const counts = new Map<string, number>();
        for (let i = 0; i < packed.length; i++)
          counts.set(this.termById.get(packed.termIds.getInt32(4 * i))!, packed.counts.getInt16(2 * i));
        this.index.upsert(change.storyId, counts);
      }
      if (this.index.driftRatio() >= REWEIGHT_AT_DRIFT) this.index.reweight();
    }
    this.changes += changes.length;
  }
}
