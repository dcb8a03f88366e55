/**
 * An in-memory TF-IDF index with cosine similarity, built for the worker's hot path (100k stories, a
 * neighbour query per new or edited story).
 *
 * Weighting (scikit-learn's TfidfVectorizer with `sublinear_tf=True, smooth_idf=True, norm='l2'`):
 *   tf  = 1 + ln(count)                 a word said ten times is not ten times as telling
 *   idf = ln((1 + N) / (1 + df)) + 1    smoothed, so no term gets zero or infinite weight
 *   w   = tf × idf, then each vector is L2-normalised, so a dot product is the cosine similarity.
 *
 * Layout: terms are interned to integer ids; each term has a postings list (document slots in an
 * Int32Array, weights in a Float32Array). A query walks only the postings of its own terms, adding into a
 * score array indexed by slot, and keeps the best k in a small heap, so its cost follows the number of
 * postings it shares terms with, not the corpus size. (natural's TfIdf instead scores every document
 * term by term; bench/similarity.bench.ts compares the two.) Very common terms are not skipped, unlike
 * Elasticsearch's `max_doc_freq`: on the bench corpus (50k stories), skipping terms found in over 40 % of
 * documents changed 4 % of the top ten and saved no time; over 20 %, 9 % changed for 18 % less time.
 *
 * IDF drift: stored weights use the document frequencies of the moment they were computed, and idf changes
 * as the corpus grows (a word rare among the first hundred stories may be common among the next ten
 * thousand). Queries always use current frequencies; `reweight()` brings the stored side up to date, and
 * `driftRatio()` tells the caller when it is worth doing.
 */

export type TermCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface Similar {
  id: string;
  similarity: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface SimilarityOptions {
  /** Leave out results below this cosine similarity. */
  minSimilarity?: number;
  /** Keep only documents for which this returns true; called only for would-be results. */
  filter?: (docId: string) => boolean;
}

/**
 * Removed documents leave their slots in the postings until the lists are compacted; once dead slots
 * outnumber live documents (and this floor), the whole index is rebuilt, which costs one pass over all
 * postings and so is amortised over as many removals.
 */
const DEAD_SLOT_REBUILD_FLOOR = 1024;

/**
 * A query whose postings number less than 1/8 of the slots is ranked sparsely (see rankSparse); measured on
 * the bench corpus, tracking reached slots pays off only when few are reached.
 */
const SPARSE_QUERY_FACTOR = 8;

class Postings {
  slots: Int32Array;
  weights: Float32Array;
  length = 0;
  /** Entries whose document has been removed since the list was last compacted. */
  dead = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
  }

  push(slot: number, weight: number): void {
    if (this.length === this.slots.length) {
      const capacity = Math.max(4, this.length * 2);
      const slots = new Int32Array(capacity);
      slots.set(this.slots);
      this.slots = slots;
      const weights = new Float32Array(capacity);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.slots[this.length] = slot;
    this.weights[this.length] = weight;
    this.length++;
  }

  /** Drops the entries of documents that are gone. */
  compact(isLive: (slot: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const slot = this.slots[i]!;
      if (!isLive(slot)) continue;
      this.slots[kept] = slot;
      this.weights[kept] = this.weights[i]!;
      kept++;
    }
    this.length = kept;
    this.dead = 0;
  }
}

/** The k best (slot, score) pairs seen so far: a min-heap, so the weakest is replaced in O(log k). */
class TopK {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }

  accepts(score: number): boolean {
    return this.count < this.k || score > this.scores[0]!;
  }

  push(slot: number, score: number): void {
    if (this.count < this.k) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.scores[i] = this.scores[child]!;
      this.slots[i] = this.slots[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.slots[i] = slot;
  }

  entries(): { slot: number; score: number }[] {
    const entries = [];
    for (let i = 0; i < this.count; i++) entries.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return entries;
  }
}

function forEachCount(counts: TermCounts, visit: (term: string, count: number) => void): void {
  if (counts instanceof Map) counts.forEach((count: number, term: string) => visit(term, count));
  else for (const [term, count] of Object.entries(counts)) visit(term, count);
}

function sublinearTf(count: number): number {
  return 1 + Math.log(count);
}

function bySimilarityThenId(a: Similar, b: Similar): number {
  return b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class TfIdfIndex {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly docFreqs: number[] = [];
  private postings: Postings[] = [];

  private readonly slotByDocId = new Map<string, number>();
  /** Per slot: the document id, or undefined once removed. Slots are reused only by a rebuild. */
  private docIds: (string | undefined)[] = [];
  /** Per slot: the document's term ids and their sublinear tf, kept so weights can be recomputed. */
  private docTerms: (Int32Array | undefined)[] = [];
  private docTfs: (Float32Array | undefined)[] = [];
  private slotCount = 0;
  private liveCount = 0;
  private changesSinceReweight = 0;

  /**
   * Per slot, the score of the query being ranked, zero between queries. Every weight is positive, so a
   * zero score means "not reached yet". Summed in doubles so results match an exact computation.
   */
  private scores = new Float64Array(0);
  /** Slots reached by a sparse query, so resetting `scores` costs what the query cost. */
  private touched = new Int32Array(0);
  /** Scratch space for one document's weights while its postings are written. */
  private weightBuffer = new Float64Array(64);

  /** Number of documents in the index. */
  get size(): number {
    return this.liveCount;
  }

  has(docId: string): boolean {
    return this.slotByDocId.has(docId);
  }

  /** Adds a document, or replaces it if the id is already indexed. Counts ≤ 0 are ignored. */
  upsert(docId: string, termCounts: TermCounts): void {
    const previousSlot = this.slotByDocId.get(docId);
    if (previousSlot !== undefined) this.removeSlot(previousSlot);

    const termIds: number[] = [];
    const tfs: number[] = [];
    forEachCount(termCounts, (term, count) => {
      if (!(count > 0)) return;
      const termId = this.intern(term);
      this.docFreqs[termId]!++;
      termIds.push(termId);
      tfs.push(sublinearTf(count));
    });

    const slot = this.allocateSlot();
    this.docIds[slot] = docId;
    this.docTerms[slot] = new Int32Array(termIds);
    this.docTfs[slot] = new Float32Array(tfs);
    this.slotByDocId.set(docId, slot);
    this.liveCount++;
    this.changesSinceReweight++;
    this.writePostings(slot, this.postings);
    this.rebuildIfMostlyDead();
  }

  /** Removes a document; returns whether it was indexed. */
  remove(docId: string): boolean {
    const slot = this.slotByDocId.get(docId);
    if (slot === undefined) return false;
    this.removeSlot(slot);
    this.rebuildIfMostlyDead();
    return true;
  }

  /**
   * The k documents most similar to an indexed one (cosine, best first, itself excluded). An id that is not
   * indexed has no neighbours.
   */
  neighbours(docId: string, k: number, options: SimilarityOptions = {}): Similar[] {
    const slot = this.slotByDocId.get(docId);
    if (slot === undefined) return [];
    const termIds = this.docTerms[slot]!;
    const weights = new Float64Array(termIds.length);
    this.weigh(slot, weights);
    return this.rank(termIds, weights, k, slot, options);
  }

  /** The k documents most similar to a query given as term counts (e.g. `termCounts(searchText)`). */
  query(termCounts: TermCounts, k: number, options: SimilarityOptions = {}): Similar[] {
    const termIds: number[] = [];
    const allWeights: number[] = [];
    const knownWeights: number[] = [];
    forEachCount(termCounts, (term, count) => {
      if (!(count > 0)) return;
      const termId = this.termIds.get(term);
      const weight = sublinearTf(count) * this.idf(termId === undefined ? 0 : this.docFreqs[termId]!);
      allWeights.push(weight);
      if (termId === undefined) return;
      termIds.push(termId);
      knownWeights.push(weight);
    });
    // Terms the index has never seen match nothing but still lengthen the query vector.
    let sumOfSquares = 0;
    for (const weight of allWeights) sumOfSquares += weight * weight;
    if (sumOfSquares === 0) return [];
    const inverseLength = 1 / Math.sqrt(sumOfSquares);
    const weights = Float64Array.from(knownWeights, (weight) => weight * inverseLength);
    return this.rank(termIds, weights, k, -1, options);
  }

  /** A document's terms by current TF-IDF weight, heaviest first (all of them unless `limit` is given). */
  vector(docId: string, limit = Infinity): WeightedTerm[] {
    const slot = this.slotByDocId.get(docId);
    if (slot === undefined) return [];
    const termIds = this.docTerms[slot]!;
    const weights = new Float64Array(termIds.length);
    this.weigh(slot, weights);
    return Array.from(termIds, (termId, i) => ({ term: this.terms[termId]!, weight: weights[i]! }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
      .slice(0, limit);
  }

  /**
   * The n stems that best describe a group of documents (a practice): the heaviest terms of the sum of
   * their normalised vectors, so a term counts more the more members use it and the rarer it is overall.
   * Map stems to words with `surfaceForms`.
   */
  topTerms(docIds: Iterable<string>, n: number): string[] {
    const summed = new Map<string, number>();
    for (const docId of docIds) {
      for (const { term, weight } of this.vector(docId)) summed.set(term, (summed.get(term) ?? 0) + weight);
    }
    return [...summed]
      .sort(([termA, a], [termB, b]) => b - a || (termA < termB ? -1 : 1))
      .slice(0, n)
      .map(([term]) => term);
  }

  /**
   * Documents added or removed since the last reweight (a replacement is both), as a fraction of the
   * corpus: how stale the stored idf factors may be. The worker reweights when this passes its threshold.
   */
  driftRatio(): number {
    return this.changesSinceReweight / Math.max(1, this.liveCount);
  }

  /**
   * Recomputes every stored weight with the current document frequencies (see IDF drift above), and
   * compacts away removed documents. One pass over all postings.
   */
  reweight(): void {
    const postings = this.docFreqs.map((docFreq) => new Postings(docFreq));
    let nextSlot = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const docId = this.docIds[slot];
      if (docId === undefined) continue;
      this.docIds[nextSlot] = docId;
      this.docTerms[nextSlot] = this.docTerms[slot];
      this.docTfs[nextSlot] = this.docTfs[slot];
      this.slotByDocId.set(docId, nextSlot);
      this.writePostings(nextSlot, postings);
      nextSlot++;
    }
    this.docIds.length = this.docTerms.length = this.docTfs.length = nextSlot;
    this.slotCount = nextSlot;
    this.postings = postings;
    this.changesSinceReweight = 0;
  }

  /** Smoothed idf (see the top of the file); `weigh` inlines the same formula. */
  private idf(docFreq: number): number {
    return Math.log((1 + this.liveCount) / (1 + docFreq)) + 1;
  }

  private intern(term: string): number {
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.terms.length;
      this.termIds.set(term, termId);
      this.terms.push(term);
      this.docFreqs.push(0);
      this.postings.push(new Postings(0));
    }
    return termId;
  }

  private allocateSlot(): number {
    if (this.slotCount === this.scores.length) {
      const capacity = Math.max(1024, this.slotCount * 2);
      this.scores = new Float64Array(capacity);
      this.touched = new Int32Array(capacity);
    }
    return this.slotCount++;
  }

  /**
   * Writes a stored document's L2-normalised weights under the current document frequencies into
   * `weights`. Inlines idf: this runs for every posting on a rebuild.
   */
  private weigh(slot: number, weights: Float64Array): void {
    const termIds = this.docTerms[slot]!;
    const tfs = this.docTfs[slot]!;
    const { docFreqs } = this;
    const lnOnePlusDocs = Math.log(1 + this.liveCount);
    let sumOfSquares = 0;
    for (let i = 0; i < termIds.length; i++) {
      const weight = tfs[i]! * (lnOnePlusDocs - Math.log(1 + docFreqs[termIds[i]!]!) + 1);
      weights[i] = weight;
      sumOfSquares += weight * weight;
    }
    if (sumOfSquares === 0) return;
    const inverseLength = 1 / Math.sqrt(sumOfSquares);
    for (let i = 0; i < termIds.length; i++) weights[i] = weights[i]! * inverseLength;
  }

  /** Weighs a stored document with the current frequencies and appends it to `postings`. */
  private writePostings(slot: number, postings: Postings[]): void {
    const termIds = this.docTerms[slot]!;
    if (this.weightBuffer.length < termIds.length) this.weightBuffer = new Float64Array(termIds.length * 2);
    const weights = this.weightBuffer;
    this.weigh(slot, weights);
    for (let i = 0; i < termIds.length; i++) postings[termIds[i]!]!.push(slot, weights[i]!);
  }

  private removeSlot(slot: number): void {
    const isLive = (candidate: number) => this.docIds[candidate] !== undefined;
    const docId = this.docIds[slot]!;
    this.docIds[slot] = undefined;
    for (const termId of this.docTerms[slot]!) {
      this.docFreqs[termId]!--;
      const postings = this.postings[termId]!;
      postings.dead++;
      // Lazy compaction: a list is filtered once half of it is dead, so each removal costs O(1) amortised.
      if (postings.dead * 2 > postings.length) postings.compact(isLive);
    }
    this.docTerms[slot] = undefined;
    this.docTfs[slot] = undefined;
    this.slotByDocId.delete(docId);
    this.liveCount--;
    this.changesSinceReweight++;
  }

  private rebuildIfMostlyDead(): void {
    const deadSlots = this.slotCount - this.liveCount;
    if (deadSlots > Math.max(DEAD_SLOT_REBUILD_FLOOR, this.liveCount)) this.reweight();
  }

  /** Scores every document sharing a term with the query, then keeps the best k. */
  private rank(
    termIds: ArrayLike<number>,
    weights: ArrayLike<number>,
    k: number,
    excludedSlot: number,
    { minSimilarity = 0, filter }: SimilarityOptions,
  ): Similar[] {
    if (k <= 0) return [];
    const postingsOfTerms = Array.from(termIds, (termId) => this.postings[termId]!);
    const postingCount = postingsOfTerms.reduce((sum, postings) => sum + postings.length, 0);

    const best = new TopK(k);
    const consider = (slot: number, score: number) => {
      if (slot === excludedSlot || score < minSimilarity || !best.accepts(score)) return;
      const docId = this.docIds[slot];
      if (docId !== undefined && (filter === undefined || filter(docId))) best.push(slot, score);
    };
    try {
      if (postingCount * SPARSE_QUERY_FACTOR < this.slotCount) {
        this.rankSparse(postingsOfTerms, weights, consider);
      } else {
        this.rankDense(postingsOfTerms, weights, consider);
      }
    } catch (error) {
      // A throwing filter must not leave scores behind for the next query.
      this.scores.fill(0);
      throw error;
    }
    return best
      .entries()
      .map(({ slot, score }) => ({ id: this.docIds[slot]!, similarity: Math.min(1, score) }))
      .sort(bySimilarityThenId);
  }

  /** For queries that reach few documents: remember which slots were reached, visit and reset only those. */
  private rankSparse(
    postingsOfTerms: readonly Postings[],
    weights: ArrayLike<number>,
    consider: (slot: number, score: number) => void,
  ): void {
    const { scores, touched } = this;
    let touchedCount = 0;
    for (let t = 0; t < postingsOfTerms.length; t++) {
      const { slots, weights: postingWeights, length } = postingsOfTerms[t]!;
      const queryWeight = weights[t]!;
      for (let i = 0; i < length; i++) {
        const slot = slots[i]!;
        const score = scores[slot]!;
        if (score === 0) touched[touchedCount++] = slot;
        scores[slot] = score + queryWeight * postingWeights[i]!;
      }
    }
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i]!;
      consider(slot, scores[slot]!);
      scores[slot] = 0;
    }
  }

  /**
   * For queries that reach much of the corpus, as a whole story usually does: plain accumulation and one
   * pass over all slots, about a third faster than tracking reached slots when most are reached anyway.
   */
  private rankDense(
    postingsOfTerms: readonly Postings[],
    weights: ArrayLike<number>,
    consider: (slot: number, score: number) => void,
  ): void {
    const { scores } = this;
    for (let t = 0; t < postingsOfTerms.length; t++) {
      const { slots, weights: postingWeights, length } = postingsOfTerms[t]!;
      const queryWeight = weights[t]!;
      for (let i = 0; i < length; i++) {
        const slot = slots[i]!;
        scores[slot] = scores[slot]! + queryWeight * postingWeights[i]!;
      }
    }
    for (let slot = 0; slot < this.slotCount; slot++) {
      const score = scores[slot]!;
      if (score === 0) continue;
      consider(slot, score);
      scores[slot] = 0;
    }
  }
}
