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
 * Int32Array, weights in a Float32Array), and each document keeps its term ids and the same weights. A query
 * walks postings of its own terms, adding into a score array indexed by slot, rare terms first, and stops
 * admitting documents once the terms left could not lift a new one into the top k (see `rank`), so its cost
 * follows the postings of its rarer terms, not the corpus size. (natural's TfIdf instead scores every
 * document term by term; bench/similarity.bench.ts compares the two.) Results stay exact: very common terms
 * are not dropped, unlike Elasticsearch's `max_doc_freq` (on the bench corpus, 50k stories, dropping terms
 * found in over 40 % of documents changed 4 % of the top ten), only walked when still needed.
 *
 * IDF drift: stored weights use the document frequencies of the moment they were computed, and idf changes
 * as the corpus grows (a word rare among the first hundred stories may be common among the next ten
 * thousand). Queries always use current frequencies; `reweight()` brings the stored side up to date, and
 * `driftRatio()` tells the caller when it is worth doing.
 */

export type TermCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** A document as `load` takes it: term ids from `termId`, with their counts. */
export interface LoadedDocument {
  id: string;
  termIds: Int32Array;
  counts: ArrayLike<number>;
}

export interface Similar {
  id: string;
  similarity: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface TfIdfIndexOptions {
  /**
   * Given the memory a bulk load reserves (see `startLoad`), as shared buffers in the order the load first
   * writes them, before it writes any: the caller may have another thread touch their pages meanwhile, so
   * that the kernel's work of a first touch (mapping and zeroing each page) is done off the loading thread.
   * Without it, the memory is reserved as ordinary buffers.
   */
  prefault?: (buffers: readonly SharedArrayBuffer[]) => void;
}

export interface SimilarityOptions {
  /** Leave out results below this cosine similarity. */
  minSimilarity?: number;
  /** Keep only documents for which this returns true; called only for documents in the running for the top k. */
  filter?: (docId: string) => boolean;
}

/**
 * Removed documents leave their slots in the postings until the lists are compacted; once dead slots
 * outnumber live documents (and this floor), the whole index is rebuilt, which costs one pass over all
 * postings and so is amortised over as many removals.
 */
const DEAD_SLOT_REBUILD_FLOOR = 1024;

/**
 * Pruning compares bounds with scores summed in another order, which may differ in the last bits (and a
 * square root in the bound can turn 1e-16 into 1e-8); this margin keeps every document that could tie, so
 * pruning never changes a result.
 */
const ROUNDING_MARGIN = 1e-6;

/**
 * Stored weights are rounded to float32 (relative error 6e-8 each), so a stored vector's squared length
 * may exceed 1 by about 1.2e-7; bounds that rely on unit length use this instead.
 */
const UNIT_LENGTH_SQUARED = 1 + 1e-6;

/**
 * Once no new document can make the top k, another term is walked while it has fewer than this many
 * postings per document still in the running; the rest are scored from their own side. Measured on the
 * bench corpus (50k stories): 4 beat 1, 2 and 16, and 64 was 70 % slower.
 */
const WALK_POSTINGS_PER_SURVIVOR = 4;

/**
 * Dropping the documents that fell below the bar costs a pass over all still in the running, while a term
 * walked at that stage has few postings (a few hundred, against thousands of documents), so the pass is made
 * only once the postings walked since the last one number at least 1/this of the documents; until then the
 * extra terms add to a few documents already out of the running. Measured on the bench corpus with
 * alternating runs against a pass after every term: 2 made a query 15 % faster at 50k stories and 23 % at
 * 200k; 1 and 4 were within a few per cent of 2, 16 gained little and 1/4 was 15 % slower.
 */
const FILTER_PASS_DOCUMENTS_PER_POSTING = 2;

/**
 * How many of the documents reached first the k-th-best estimate looks at (see `kthBestScore`): an eighth of
 * those reached, and at least 32 per result wanted. Measured on the bench corpora with k = 10 against looking
 * at all reached (tens of thousands at 200k stories), p50 / p99: at 200k 0.99-1.02 / 1.86-1.94 ms against
 * 1.13-1.14 / 2.30-2.37 ms, at 50k 0.244-0.256 / 0.43-0.50 ms against 0.270-0.285 / 0.49-0.51 ms. A fixed 320
 * gave the same p50 and a p99 of 3.2 ms at 200k: some stories' best neighbours are first reached further on.
 */
const ESTIMATE_POOL_FRACTION = 8;
const ESTIMATE_POOL_PER_RESULT = 32;

class Postings {
  slots: Int32Array;
  weights: Float32Array;
  length = 0;
  /** At least the largest weight in the list (removals may leave it high): a query's bound on this term. */
  maxWeight = 0;
  /** Entries whose document has been removed since the list was last compacted. */
  dead = 0;

  /** Empty, with room for as many entries as `slots` holds (views of larger arrays may be given). */
  constructor(slots: Int32Array, weights: Float32Array) {
    this.slots = slots;
    this.weights = weights;
  }

  static withCapacity(capacity: number): Postings {
    return new Postings(new Int32Array(capacity), new Float32Array(capacity));
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
    if (weight > this.maxWeight) this.maxWeight = weight;
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

/** Arrays set aside for the postings a bulk load will write (see `startLoad`). */
interface PostingsRoom {
  slots: Int32Array;
  weights: Float32Array;
}

/**
 * Builds every term's postings in one pass over the documents (a reweight): the lists are carved from two
 * shared arrays sized by document frequency, and each entry is written at its term's cursor, with no
 * per-entry method call or capacity check (a list outgrowing its share later moves to arrays of its own).
 */
class PostingsWriter {
  private readonly slots: Int32Array;
  private readonly weights: Float32Array;
  private readonly starts: Int32Array;
  private readonly cursors: Int32Array;
  private readonly maxWeights: Float32Array;

  /** `reserved`, room set aside for the entries, is used when it is large enough. */
  constructor(
    private readonly docFreqs: readonly number[],
    reserved: PostingsRoom | null,
  ) {
    const termCount = docFreqs.length;
    this.starts = new Int32Array(termCount + 1);
    for (let term = 0; term < termCount; term++) this.starts[term + 1] = this.starts[term]! + docFreqs[term]!;
    this.cursors = this.starts.slice(0, termCount);
    const entries = this.starts[termCount]!;
    const fits = reserved !== null && reserved.slots.length >= entries;
    this.slots = fits ? reserved.slots.subarray(0, entries) : new Int32Array(entries);
    this.weights = fits ? reserved.weights.subarray(0, entries) : new Float32Array(entries);
    this.maxWeights = new Float32Array(termCount);
  }

  append(termId: number, slot: number, weight: number): void {
    const at = this.cursors[termId]!++;
    this.slots[at] = slot;
    this.weights[at] = weight;
    if (weight > this.maxWeights[termId]!) this.maxWeights[termId] = weight;
  }

  finish(): Postings[] {
    return this.docFreqs.map((_, term) => {
      const start = this.starts[term]!;
      const end = this.starts[term + 1]!;
      const postings = new Postings(this.slots.subarray(start, end), this.weights.subarray(start, end));
      postings.length = this.cursors[term]! - start;
      postings.maxWeight = this.maxWeights[term]!;
      return postings;
    });
  }
}

/**
 * Every document's term ids, sublinear tfs and stored weights, end to end in three arrays that grow by
 * doubling, found by each slot's start and length: typed-array views per document (three each) cost a bulk
 * load of 200k stories a fifth of its time in allocation and garbage collection. Space of removed documents
 * is given back when `reweight` repacks.
 */
class DocumentVectors {
  termIds: Int32Array;
  tfs: Float32Array;
  weights: Float32Array;
  starts = new Int32Array(0);
  lengths = new Int32Array(0);
  /** Elements appended since the last repack, live or not. */
  used = 0;
  /** Elements of live documents. */
  inUse = 0;

  constructor(capacity = 1024) {
    this.termIds = new Int32Array(capacity);
    this.tfs = new Float32Array(capacity);
    this.weights = new Float32Array(capacity);
  }

  /** Room for a document of `length` terms at the end, as `slot`'s; returns where it starts. */
  append(slot: number, length: number): number {
    if (slot >= this.starts.length) {
      const capacity = Math.max(1024, (slot + 1) * 2);
      this.starts = grown(this.starts, new Int32Array(capacity));
      this.lengths = grown(this.lengths, new Int32Array(capacity));
    }
    if (this.used + length > this.termIds.length) {
      const capacity = Math.max(1024, (this.used + length) * 2);
      this.termIds = grown(this.termIds.subarray(0, this.used), new Int32Array(capacity));
      this.tfs = grown(this.tfs.subarray(0, this.used), new Float32Array(capacity));
      this.weights = grown(this.weights.subarray(0, this.used), new Float32Array(capacity));
    }
    const start = this.used;
    this.starts[slot] = start;
    this.lengths[slot] = length;
    this.used += length;
    this.inUse += length;
    return start;
  }

  /**
   * Room for `elements` more elements in one allocation each, where their number is known ahead, in buffers
   * from `allocate`; returns the new buffers (none when there was room).
   */
  reserve(elements: number, allocate: (bytes: number) => ArrayBufferLike): ArrayBufferLike[] {
    const capacity = this.used + elements;
    if (capacity <= this.termIds.length) return [];
    this.termIds = grown(this.termIds.subarray(0, this.used), new Int32Array(allocate(4 * capacity)));
    this.tfs = grown(this.tfs.subarray(0, this.used), new Float32Array(allocate(4 * capacity)));
    this.weights = grown(this.weights.subarray(0, this.used), new Float32Array(allocate(4 * capacity)));
    return [this.termIds.buffer, this.tfs.buffer, this.weights.buffer];
  }

  /** A document's term ids, as a view (for the paths that run once per query, not per posting). */
  termIdsOf(slot: number): Int32Array {
    const start = this.starts[slot]!;
    return this.termIds.subarray(start, start + this.lengths[slot]!);
  }
}

function grown<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The k best (slot, score) pairs seen so far: a min-heap, so the weakest is replaced in O(log k). Equal
 * scores rank by id, as results are sorted, so which of them make the top k does not depend on the order
 * documents are reached in.
 */
class TopK {
  private readonly scores: Float64Array;
  private readonly slots: Int32Array;
  private count = 0;

  constructor(
    private readonly k: number,
    private readonly idOf: (slot: number) => string,
  ) {
    this.scores = new Float64Array(k);
    this.slots = new Int32Array(k);
  }

  get size(): number {
    return this.count;
  }

  /** The lowest score kept (once k are kept, what a newcomer must beat). */
  get weakestScore(): number {
    return this.scores[0]!;
  }

  /** Whether a document scoring `score` may enter (it may still lose a tie on its id): a cheap pre-check. */
  mayAccept(score: number): boolean {
    return this.count < this.k || score >= this.scores[0]!;
  }

  /** Adds the pair if it ranks among the best k so far. */
  push(slot: number, score: number): void {
    if (this.count < this.k) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.ranksBelow(score, slot, parent)) break;
        this.scores[i] = this.scores[parent]!;
        this.slots[i] = this.slots[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.slots[i] = slot;
      return;
    }
    if (this.ranksBelow(score, slot, 0)) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child =
        right < this.count && this.ranksBelow(this.scores[right]!, this.slots[right]!, left) ? right : left;
      if (this.ranksBelow(score, slot, child)) break;
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

  /** Whether (score, slot) ranks below the entry at heap position `at`: a lower score, or a later id. */
  private ranksBelow(score: number, slot: number, at: number): boolean {
    const other = this.scores[at]!;
    return score < other || (score === other && this.idOf(slot) > this.idOf(this.slots[at]!));
  }
}

/**
 * Slots sorted by score, without a comparator call per comparison (which cost 7 % of a query at 200k stories):
 * each slot replaces the low 32 bits of its score's double, and the doubles are sorted natively. Positive
 * scores keep their order down to the 20 bits of mantissa left, so a key is within 2^-20 of its score,
 * relative (close scores may come out in either order).
 */
class SlotsByScore {
  private keys = new Float64Array(0);
  private words = new Uint32Array(0);

  /** Sorts the first `count` of `slots`, whose scores must be positive, by ascending score. */
  sort(slots: Int32Array, count: number, scores: Float64Array): void {
    if (this.keys.length < count) {
      this.keys = new Float64Array(count * 2);
      this.words = new Uint32Array(this.keys.buffer);
    }
    const { keys, words } = this;
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      keys[i] = scores[slot]!;
      words[2 * i + LOW_WORD] = slot;
    }
    keys.subarray(0, count).sort();
  }

  slotAt(i: number): number {
    return this.words[2 * i + LOW_WORD]!;
  }

  /**
   * Whether the slot at `i` may score `atLeast`; once it may not, no slot sorted before it may either. (A key
   * is within 2^-20 of its score, so the margin of 2^-19 errs on the side of yes.)
   */
  mayReach(i: number, atLeast: number): boolean {
    return this.keys[i]! >= atLeast * (1 - 2 ** -19);
  }
}

/** Which 32-bit word of a double holds the low bits of its mantissa: the first on little-endian machines. */
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

function forEachCount(counts: TermCounts, visit: (term: string, count: number) => void): void {
  if (counts instanceof Map) counts.forEach((count: number, term: string) => visit(term, count));
  else for (const [term, count] of Object.entries(counts)) visit(term, count);
}

/**
 * The smoothed idf as `weigh` computes it, from ln(1 + N) computed once per pass (the same formula as `idf`,
 * rounded differently, so stored and recomputed weights always come from this one).
 */
function inlineIdf(lnOnePlusDocs: number, docFreq: number): number {
  return lnOnePlusDocs - Math.log(1 + docFreq) + 1;
}

/** 1 + ln(count) for the counts most terms have, so a bulk load takes no logarithm per posting. */
const SMALL_COUNT_TFS = Float64Array.from({ length: 256 }, (_, count) => 1 + Math.log(count));

function sublinearTf(count: number): number {
  return count < SMALL_COUNT_TFS.length && Number.isInteger(count)
    ? SMALL_COUNT_TFS[count]!
    : 1 + Math.log(count);
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
  /**
   * Per slot: the document's term ids and their sublinear tf, kept so weights can be recomputed, and the
   * weights written to the postings, so a candidate can be scored from its own side.
   */
  private vectors = new DocumentVectors();
  private slotCount = 0;
  private liveCount = 0;
  private changesSinceReweight = 0;

  /**
   * Per slot, the partial score of the query being ranked, zero between queries. Every weight is positive,
   * so a zero score means "not reached yet". Summed in doubles so results match an exact computation.
   */
  private scores = new Float64Array(0);
  /**
   * Slots reached by the query being ranked, so resetting `scores` costs what the query cost; one longer than
   * the slots, as the walk writes each slot at the next free place before it knows whether it is new.
   */
  private touched = new Int32Array(0);
  /** The reached slots that may still make the top k. */
  private candidates = new Int32Array(0);
  /** The candidates of the query being ranked, by partial score. */
  private readonly byScore = new SlotsByScore();
  /** Per term id, the weight of the query being ranked, zero between queries. */
  private queryWeights = new Float64Array(0);
  /** Scratch space for one document's weights while its postings are written. */
  private weightBuffer = new Float64Array(64);
  /** Per term id, the number of the last `store` call that saw it (repeats within a document are refused). */
  private seenIn = new Int32Array(0);
  private storeCount = 0;
  /** Room for the postings of the bulk load under way, reserved when it started (see `startLoad`). */
  private postingsRoom: PostingsRoom | null = null;

  constructor(private readonly options: TfIdfIndexOptions = {}) {}

  /** Number of documents in the index. */
  get size(): number {
    return this.liveCount;
  }

  has(docId: string): boolean {
    return this.slotByDocId.has(docId);
  }

  /** The ids of the documents in the index. */
  ids(): IterableIterator<string> {
    return this.slotByDocId.keys();
  }

  /** Adds a document, or replaces it if the id is already indexed. Counts ≤ 0 are ignored. */
  upsert(docId: string, termCounts: TermCounts): void {
    const termIds: number[] = [];
    const counts: number[] = [];
    forEachCount(termCounts, (term, count) => {
      if (!(count > 0)) return;
      termIds.push(this.intern(term));
      counts.push(count);
    });
    const slot = this.store(docId, termIds, counts);
    this.writePostings(slot, this.postings);
    this.rebuildIfMostlyDead();
  }

  /**
   * The id of a term, interned if new. Ids are stable for the life of the index, so a caller can keep term
   * vectors as ids (see `load`).
   */
  termId(term: string): number {
    return this.intern(term);
  }

  /**
   * Adds many documents at once, as at start-up from stored term vectors: like `upsert` for each (a known id
   * is replaced, counts ≤ 0 are ignored) followed by `reweight`, but the postings are written once, at the
   * end, and no term string is looked up. Term ids come from `termId`; the arrays are copied, so a caller
   * may reuse them. A document whose term ids are unknown or repeated throws a RangeError; the documents
   * before it stay indexed.
   */
  load(docs: Iterable<LoadedDocument>): void {
    const loading = this.startLoad();
    try {
      for (const doc of docs) loading.add(doc);
    } finally {
      loading.finish();
    }
  }

  /**
   * `load` fed one document at a time, for documents that arrive over time (rows streaming in from the
   * database, stored while the next ones are read): `add` stores a document, `finish` writes every posting.
   * Until `finish`, queries do not see the documents added. `expectedTerms`, the documents' terms all
   * together if known (an estimate will do), sizes the storage once: grown by doubling, a 200k-story load
   * copied and first touched about twice its final size (0.7 s of a 3.6 s restart). The postings' room is
   * reserved then too, so all of the load's new memory is known from the start (see `options.prefault`).
   */
  startLoad(expectedTerms = 0): { add(doc: LoadedDocument): void; finish(): void } {
    if (expectedTerms > 0) this.reserveLoadRoom(expectedTerms);
    return {
      add: ({ id, termIds, counts }) => {
        if (termIds.length !== counts.length) {
          throw new RangeError(`document ${id}: ${termIds.length} term ids but ${counts.length} counts`);
        }
        this.store(id, termIds, counts);
      },
      finish: () => this.reweight(),
    };
  }

  /**
   * Reserves the documents' storage for `expectedTerms` more terms and the postings' for all of them, in
   * shared buffers handed to `options.prefault` (in the order the load writes them: documents' terms and tfs
   * as they are added, then postings and weights as `finish` writes them) if it is given.
   */
  private reserveLoadRoom(expectedTerms: number): void {
    const { prefault } = this.options;
    const allocate = prefault
      ? (bytes: number) => new SharedArrayBuffer(bytes)
      : (bytes: number) => new ArrayBuffer(bytes);
    const [termIds, tfs, weights] = this.vectors.reserve(expectedTerms, allocate);
    const entries = this.vectors.inUse + expectedTerms;
    this.postingsRoom = {
      slots: new Int32Array(allocate(4 * entries)),
      weights: new Float32Array(allocate(4 * entries)),
    };
    const buffers = [termIds, tfs, this.postingsRoom.slots.buffer, this.postingsRoom.weights.buffer, weights];
    prefault?.(buffers.filter((buffer): buffer is SharedArrayBuffer => buffer instanceof SharedArrayBuffer));
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
    const termIds = this.vectors.termIdsOf(slot);
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
    const termIds = this.vectors.termIdsOf(slot);
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
    const writer = new PostingsWriter(this.docFreqs, this.postingsRoom);
    this.postingsRoom = null;
    const lnOnePlusDocs = Math.log(1 + this.liveCount);
    const idfs = Float64Array.from(this.docFreqs, (docFreq) => inlineIdf(lnOnePlusDocs, docFreq));
    // Documents move to fresh arrays once over half of what was appended belongs to removed ones.
    const source = this.vectors;
    const repack = source.used > 2 * source.inUse;
    const target = repack ? new DocumentVectors(source.inUse) : source;
    this.vectors = target;
    let nextSlot = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const docId = this.docIds[slot];
      if (docId === undefined) continue;
      this.docIds[nextSlot] = docId;
      const length = source.lengths[slot]!;
      if (repack) {
        const from = source.starts[slot]!;
        const to = target.append(nextSlot, length);
        target.termIds.set(source.termIds.subarray(from, from + length), to);
        target.tfs.set(source.tfs.subarray(from, from + length), to);
      } else {
        target.starts[nextSlot] = source.starts[slot]!;
        target.lengths[nextSlot] = length;
      }
      if (nextSlot !== slot) this.slotByDocId.set(docId, nextSlot);
      const weights = this.weightBufferFor(length);
      this.weigh(nextSlot, weights, idfs);
      const start = target.starts[nextSlot]!;
      for (let i = 0; i < length; i++) {
        target.weights[start + i] = weights[i]!;
        writer.append(target.termIds[start + i]!, nextSlot, target.weights[start + i]!);
      }
      nextSlot++;
    }
    this.docIds.length = nextSlot;
    this.slotCount = nextSlot;
    this.postings = writer.finish();
    this.changesSinceReweight = 0;
  }

  /** Smoothed idf (see the top of the file); stored weights use `inlineIdf`. */
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
      this.postings.push(Postings.withCapacity(0));
    }
    return termId;
  }

  /**
   * Gives a document a new slot, replacing any earlier version, and counts its terms; counts ≤ 0 are left
   * out. Its weights are computed when its postings are written. A term id that is unknown or repeated in
   * the document is a RangeError, thrown before anything changes; checked in the pass that counts the terms
   * kept, as a second pass over every term cost a start-up of 200k stories about a tenth of its time.
   */
  private store(docId: string, termIds: ArrayLike<number>, counts: ArrayLike<number>): number {
    const termCount = this.terms.length;
    if (this.seenIn.length < termCount) this.seenIn = grown(this.seenIn, new Int32Array(termCount * 2));
    if (this.storeCount === 0x7fffffff) {
      this.seenIn.fill(0);
      this.storeCount = 0;
    }
    const { seenIn } = this;
    const storeNumber = ++this.storeCount;
    let length = 0;
    for (let i = 0; i < termIds.length; i++) {
      const termId = termIds[i]!;
      if (!(termId >= 0 && termId < termCount) || seenIn[termId] === storeNumber) {
        throw new RangeError(`document ${docId}: term id ${termId} is unknown or repeated`);
      }
      seenIn[termId] = storeNumber;
      if (counts[i]! > 0) length++;
    }
    const previousSlot = this.slotByDocId.get(docId);
    if (previousSlot !== undefined) this.removeSlot(previousSlot);
    const slot = this.allocateSlot();
    const start = this.vectors.append(slot, length);
    const { termIds: terms, tfs } = this.vectors;
    for (let i = 0, kept = start; i < termIds.length; i++) {
      if (!(counts[i]! > 0)) continue;
      terms[kept] = termIds[i]!;
      tfs[kept] = sublinearTf(counts[i]!);
      this.docFreqs[termIds[i]!]!++;
      kept++;
    }
    this.docIds[slot] = docId;
    this.slotByDocId.set(docId, slot);
    this.liveCount++;
    this.changesSinceReweight++;
    return slot;
  }

  private allocateSlot(): number {
    if (this.slotCount === this.scores.length) {
      const capacity = Math.max(1024, this.slotCount * 2);
      this.scores = new Float64Array(capacity);
      this.touched = new Int32Array(capacity + 1);
      this.candidates = new Int32Array(capacity);
    }
    return this.slotCount++;
  }

  /**
   * Writes a stored document's L2-normalised weights under the current document frequencies into
   * `weights`. Inlines idf: this runs for every posting on a rebuild.
   */
  private weigh(slot: number, weights: Float64Array, idfs?: Float64Array): void {
    const { termIds, tfs, starts, lengths } = this.vectors;
    const start = starts[slot]!;
    const length = lengths[slot]!;
    const { docFreqs } = this;
    const lnOnePlusDocs = Math.log(1 + this.liveCount);
    let sumOfSquares = 0;
    for (let i = 0; i < length; i++) {
      const termId = termIds[start + i]!;
      const idf = idfs ? idfs[termId]! : inlineIdf(lnOnePlusDocs, docFreqs[termId]!);
      const weight = tfs[start + i]! * idf;
      weights[i] = weight;
      sumOfSquares += weight * weight;
    }
    if (sumOfSquares === 0) return;
    const inverseLength = 1 / Math.sqrt(sumOfSquares);
    for (let i = 0; i < length; i++) weights[i] = weights[i]! * inverseLength;
  }

  /** Weighs a stored document with the current frequencies, keeps the weights and appends it to `postings`. */
  private writePostings(slot: number, postings: Postings[]): void {
    const { termIds, weights: stored, starts, lengths } = this.vectors;
    const start = starts[slot]!;
    const length = lengths[slot]!;
    const weights = this.weightBufferFor(length);
    this.weigh(slot, weights);
    for (let i = 0; i < length; i++) {
      stored[start + i] = weights[i]!;
      postings[termIds[start + i]!]!.push(slot, stored[start + i]!);
    }
  }

  /** Scratch space for one document's weights, in doubles until they are stored. */
  private weightBufferFor(length: number): Float64Array {
    if (this.weightBuffer.length < length) this.weightBuffer = new Float64Array(length * 2);
    return this.weightBuffer;
  }

  private removeSlot(slot: number): void {
    const isLive = (candidate: number) => this.docIds[candidate] !== undefined;
    const docId = this.docIds[slot]!;
    this.docIds[slot] = undefined;
    for (const termId of this.vectors.termIdsOf(slot)) {
      this.docFreqs[termId]!--;
      const postings = this.postings[termId]!;
      postings.dead++;
      // Lazy compaction: a list is filtered once half of it is dead, so each removal costs O(1) amortised.
      if (postings.dead * 2 > postings.length) postings.compact(isLive);
    }
    this.vectors.inUse -= this.vectors.lengths[slot]!;
    this.slotByDocId.delete(docId);
    this.liveCount--;
    this.changesSinceReweight++;
  }

  private rebuildIfMostlyDead(): void {
    const deadSlots = this.slotCount - this.liveCount;
    if (deadSlots > Math.max(DEAD_SLOT_REBUILD_FLOOR, this.liveCount)) this.reweight();
  }

  /**
   * The best k documents for a query vector, exactly, without scoring every document that shares a term
   * (MaxScore, Turtle & Flood 1995, term at a time, with a Cauchy–Schwarz bound). Terms are walked in the
   * order that shrinks the rest of the query vector most per posting: rare, telling terms with short lists
   * first. Once the terms left could not lift a document none of the walked ones reached to the k-th best
   * score known (see `partialNeeded`), no new document is admitted; a few more terms are walked to raise the
   * bar for those reached, and the survivors are scored in full from their own stored weights. The long
   * lists of common terms, most of a story's postings, are mostly never walked.
   */
  private rank(
    termIds: ArrayLike<number>,
    weights: ArrayLike<number>,
    k: number,
    excludedSlot: number,
    { minSimilarity = 0, filter }: SimilarityOptions,
  ): Similar[] {
    if (k <= 0) return [];
    const termCount = termIds.length;
    const postingsOfTerms = Array.from(termIds, (termId) => this.postings[termId]!);
    const shrinkPerPosting = Array.from(
      postingsOfTerms,
      (postings, t) => weights[t]! ** 2 / (postings.length + 1),
    );
    const order = Array.from(postingsOfTerms.keys()).sort(
      (a, b) => shrinkPerPosting[b]! - shrinkPerPosting[a]!,
    );
    // Over the terms from order[i] on: the most they can add to a score (query weight × largest posting
    // weight each), and the sum of their squared query weights.
    const boundLeft = new Float64Array(termCount + 1);
    const squaresLeft = new Float64Array(termCount + 1);
    for (let i = termCount - 1; i >= 0; i--) {
      const term = order[i]!;
      boundLeft[i] = boundLeft[i + 1]! + weights[term]! * postingsOfTerms[term]!.maxWeight;
      squaresLeft[i] = squaresLeft[i + 1]! + weights[term]! ** 2;
    }
    /**
     * The partial score a document needs after the first i terms to still reach `threshold`. The terms
     * left add at most `boundLeft`, and (Cauchy–Schwarz) at most |q_rest|·|d_rest|, where a unit-length
     * document with partial score p has |d_rest|² ≤ 1 − p²/|q_taken|²; the smaller root of
     * p + |q_rest|·√(1 − p²/|q_taken|²) = threshold is that second cut (rounded down, to stay safe).
     */
    const partialNeeded = (i: number, threshold: number): number => {
      const restSquared = squaresLeft[i]! * UNIT_LENGTH_SQUARED;
      const takenSquared = squaresLeft[0]! - squaresLeft[i]!;
      let byLength = threshold - Math.sqrt(restSquared);
      if (takenSquared > 0) {
        const a = 1 + squaresLeft[i]! / takenSquared;
        const discriminant = threshold * threshold - a * (threshold * threshold - restSquared);
        byLength = Math.min(threshold, (threshold - Math.sqrt(Math.max(0, discriminant))) / a);
      }
      return Math.max(threshold - boundLeft[i]!, byLength) - ROUNDING_MARGIN;
    };

    if (this.queryWeights.length < this.terms.length) this.queryWeights = new Float64Array(this.terms.length);
    const { scores, touched, candidates, queryWeights } = this;
    for (let t = 0; t < termCount; t++) queryWeights[termIds[t]!] = weights[t]!;
    const idOf = (slot: number) => this.docIds[slot]!;
    const isEligible = (slot: number) => {
      if (slot === excludedSlot) return false;
      const docId = this.docIds[slot];
      return docId !== undefined && (filter === undefined || filter(docId));
    };

    let touchedCount = 0;
    try {
      // A result scores at least minSimilarity, and at least the k-th best score known so far.
      let threshold = minSimilarity;
      let walked = 0;
      let nextEstimateAt = k;
      let taken = 0;
      for (; taken < termCount && partialNeeded(taken, threshold) <= 0; taken++) {
        const term = order[taken]!;
        const { slots, weights: postingWeights, length } = postingsOfTerms[term]!;
        const queryWeight = weights[term]!;
        for (let i = 0; i < length; i++) {
          const slot = slots[i]!;
          const score = scores[slot]!;
          // Without a branch: whether a posting's story was reached before is a coin toss the CPU cannot
          // predict (with the same in the walk below, queries 7-9 % faster at 200k stories, 13-20 % at 50k).
          touched[touchedCount] = slot;
          touchedCount += +(score === 0);
          scores[slot] = score + queryWeight * postingWeights[i]!;
        }
        walked += length;
        // Estimating costs a pass over the reached documents, so it is done each time the postings walked
        // grow fourfold, which keeps its cost within a third of the walk's (twofold measured 10 % slower).
        if (walked >= nextEstimateAt && partialNeeded(taken + 1, threshold) <= 0) {
          threshold = Math.max(threshold, this.kthBestScore(k, touchedCount, isEligible, idOf));
          nextEstimateAt = walked * 4;
        }
      }

      // Documents not reached yet cannot make the top k, and of those reached, only the ones with at least
      // the partial score `needed`. Walking one more term (adding only to those reached) raises that bar
      // for all of them; it is done while they are many compared with the term's postings. Those below it
      // are dropped from time to time (see FILTER_PASS_DOCUMENTS_PER_POSTING), so `reachedCount` may count
      // some already out.
      let needed = partialNeeded(taken, threshold);
      let reached = touched;
      let reachedCount = touchedCount;
      let walkedSinceFilter = 0;
      while (
        taken < termCount &&
        reachedCount * WALK_POSTINGS_PER_SURVIVOR > postingsOfTerms[order[taken]!]!.length
      ) {
        const term = order[taken]!;
        const { slots, weights: postingWeights, length } = postingsOfTerms[term]!;
        const queryWeight = weights[term]!;
        for (let i = 0; i < length; i++) {
          const slot = slots[i]!;
          const score = scores[slot]!;
          // Documents not reached before are out of the running, and must stay at zero (adding zero).
          scores[slot] = score + +(score !== 0) * queryWeight * postingWeights[i]!;
        }
        taken++;
        needed = partialNeeded(taken, threshold);
        walkedSinceFilter += length;
        if (walkedSinceFilter * FILTER_PASS_DOCUMENTS_PER_POSTING < reachedCount) continue;
        walkedSinceFilter = 0;
        let kept = 0;
        for (let i = 0; i < reachedCount; i++) {
          const slot = reached[i]!;
          if (scores[slot]! >= needed) candidates[kept++] = slot;
        }
        reached = candidates;
        reachedCount = kept;
      }

      // The rest are scored in full, best partial score first, until the bar (raised as the k best fill
      // up) rules out all that are left.
      let candidateCount = 0;
      for (let i = 0; i < reachedCount; i++) {
        const slot = reached[i]!;
        if (scores[slot]! >= needed && slot !== excludedSlot && this.docIds[slot] !== undefined) {
          candidates[candidateCount++] = slot;
        }
      }
      const { byScore } = this;
      byScore.sort(candidates, candidateCount, scores);
      const best = new TopK(k, idOf);
      const complete = taken === termCount;
      // Best partial score first, so the bar rises fast; close scores may come in either order, hence `continue`.
      for (let i = candidateCount - 1; i >= 0 && byScore.mayReach(i, needed); i--) {
        const slot = byScore.slotAt(i);
        if (scores[slot]! < needed) continue;
        const score = complete ? scores[slot]! : this.scoreOf(slot);
        if (score < minSimilarity || !best.mayAccept(score) || !isEligible(slot)) continue;
        best.push(slot, score);
        if (best.size === k) needed = Math.max(needed, partialNeeded(taken, best.weakestScore));
      }
      return best
        .entries()
        .map(({ slot, score }) => ({ id: this.docIds[slot]!, similarity: Math.min(1, score) }))
        .sort(bySimilarityThenId);
    } finally {
      // Also when a filter throws, so the next query starts from zeros.
      // Where a query reached more than an eighth of the slots (a fifth, typically, on the bench corpora),
      // one sequential fill costs less than as many scattered writes (queries 3-8 % faster at 50k and 200k).
      if (touchedCount * 8 > this.slotCount) scores.fill(0, 0, this.slotCount);
      else for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
      for (let t = 0; t < termCount; t++) queryWeights[termIds[t]!] = 0;
    }
  }

  /**
   * A lower bound on the k-th best score among eligible documents: the full scores of the k eligible ones
   * with the best partial scores so far among the first reached (−Infinity while fewer than k of those are
   * eligible). Any k give a bound; the first reached, by the rarest terms, are where the best ones mostly
   * are, so looking at a part of them (`ESTIMATE_POOL_FRACTION`) keeps the bound about as high at a small part
   * of the cost.
   */
  private kthBestScore(
    k: number,
    touchedCount: number,
    isEligible: (slot: number) => boolean,
    idOf: (slot: number) => string,
  ): number {
    const { scores, touched } = this;
    const leaders = new TopK(k, idOf);
    const pool = Math.min(
      touchedCount,
      Math.max(ESTIMATE_POOL_PER_RESULT * k, Math.ceil(touchedCount / ESTIMATE_POOL_FRACTION)),
    );
    for (let i = 0; i < pool; i++) {
      const slot = touched[i]!;
      const partial = scores[slot]!;
      if (leaders.mayAccept(partial) && isEligible(slot)) leaders.push(slot, partial);
    }
    if (leaders.size < k) return -Infinity;
    let kthBest = Infinity;
    for (const { slot } of leaders.entries()) kthBest = Math.min(kthBest, this.scoreOf(slot));
    return kthBest;
  }

  /** A document's full score for the query whose weights are in `queryWeights`, from its stored weights. */
  private scoreOf(slot: number): number {
    const { termIds, weights, starts, lengths } = this.vectors;
    const start = starts[slot]!;
    const end = start + lengths[slot]!;
    const { queryWeights } = this;
    let score = 0;
    for (let i = start; i < end; i++) score += queryWeights[termIds[i]!]! * weights[i]!;
    return score;
  }
}
