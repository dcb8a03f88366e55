import { describe, it, expect } from 'vitest';
import { TfIdfIndex, type Similar, type SimilarityOptions } from './tfidf-index.js';
import { storyTermCounts } from './tokenize.js';
import { SAMPLE_STORIES } from './sample-stories.fixture.js';
import { PRACTICE_SIMILARITY_THRESHOLD } from './clustering.js';

/** mulberry32: a tiny seeded generator, so random corpora are the same on every run. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Corpus = Map<string, Map<string, number>>;

/**
 * Documents of 1–12 terms drawn from a vocabulary, skewed towards low term numbers (a few common terms,
 * many rare ones) unless `uniform`, which keeps every term rare in a large vocabulary.
 */
function randomCorpus(seed: number, documents: number, vocabulary = 40, uniform = false): Corpus {
  const random = seededRandom(seed);
  const corpus: Corpus = new Map();
  for (let d = 0; d < documents; d++) {
    const counts = new Map<string, number>();
    const length = 1 + Math.floor(random() * 12);
    for (let i = 0; i < length; i++) {
      const term = `t${Math.floor((uniform ? 1 : random()) * random() * vocabulary)}`;
      counts.set(term, (counts.get(term) ?? 0) + 1 + Math.floor(random() * 3));
    }
    corpus.set(`doc-${d}`, counts);
  }
  return corpus;
}

/**
 * Story-like documents: 20–60 terms, a third from one of a few topics and the rest Zipf-like (log-uniform
 * ranks), so neighbours score high and most of a query's postings can be skipped, as on the bench corpus.
 */
function topicalCorpus(seed: number, documents: number, topics = 12): Corpus {
  const random = seededRandom(seed);
  const corpus: Corpus = new Map();
  for (let d = 0; d < documents; d++) {
    const topic = Math.floor(random() * topics);
    const counts = new Map<string, number>();
    const length = 20 + Math.floor(random() * 40);
    for (let i = 0; i < length; i++) {
      const term =
        random() < 0.35 ? `topic${topic}-${Math.floor(random() * 10)}` : `w${Math.floor(3000 ** random())}`;
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    corpus.set(`doc-${d}`, counts);
  }
  return corpus;
}

/** Smoothed idf and L2-normalised sublinear tf, from the formulas at the top of tfidf-index.ts. */
function tfIdfVector(counts: Map<string, number>, documentFrequency: (term: string) => number, size: number) {
  const vector = new Map<string, number>();
  for (const [term, count] of counts) {
    vector.set(term, (1 + Math.log(count)) * (Math.log((1 + size) / (1 + documentFrequency(term))) + 1));
  }
  const length = Math.hypot(...vector.values());
  for (const [term, weight] of vector) vector.set(term, weight / length);
  return vector;
}

function documentFrequencies(corpus: Corpus): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const counts of corpus.values()) {
    for (const term of counts.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  }
  return frequencies;
}

/**
 * What the index promises under IDF drift, computed exhaustively: each document's stored vector uses the
 * frequencies of the moment it was written (its upsert, or the last reweight), the query the current ones.
 */
class DriftingModel {
  readonly corpus: Corpus = new Map();
  private readonly frequencies = new Map<string, number>();
  private readonly stored = new Map<string, Map<string, number>>();

  upsert(id: string, counts: Map<string, number>): void {
    this.remove(id);
    this.corpus.set(id, counts);
    for (const term of counts.keys()) this.frequencies.set(term, (this.frequencies.get(term) ?? 0) + 1);
    this.stored.set(id, this.currentVector(counts));
  }

  remove(id: string): void {
    for (const term of this.corpus.get(id)?.keys() ?? []) {
      this.frequencies.set(term, this.frequencies.get(term)! - 1);
    }
    this.corpus.delete(id);
    this.stored.delete(id);
  }

  reweight(): void {
    for (const [id, counts] of this.corpus) this.stored.set(id, this.currentVector(counts));
  }

  neighbours(
    id: string,
    k: number,
    { minSimilarity = 0, filter = () => true }: SimilarityOptions = {},
  ): Similar[] {
    const query = this.currentVector(this.corpus.get(id)!);
    const results: Similar[] = [];
    for (const [otherId, stored] of this.stored) {
      if (otherId === id || !filter(otherId)) continue;
      let dot = 0;
      for (const [term, weight] of query) dot += weight * (stored.get(term) ?? 0);
      if (dot > 0 && dot >= minSimilarity) results.push({ id: otherId, similarity: dot });
    }
    return results.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  private currentVector(counts: Map<string, number>): Map<string, number> {
    return tfIdfVector(counts, (term) => this.frequencies.get(term) ?? 0, this.corpus.size);
  }
}

/** TF-IDF cosine straight from the formulas, from each of `ids` to all others: what the index must match. */
function bruteForceSimilarities(
  corpus: Corpus,
  ids: Iterable<string> = corpus.keys(),
): Map<string, Similar[]> {
  const frequencies = documentFrequencies(corpus);
  const vectors = new Map<string, Map<string, number>>();
  for (const [id, counts] of corpus) {
    vectors.set(
      id,
      tfIdfVector(counts, (term) => frequencies.get(term)!, corpus.size),
    );
  }
  const similarities = new Map<string, Similar[]>();
  for (const id of ids) {
    const vector = vectors.get(id)!;
    const others: Similar[] = [];
    for (const [otherId, other] of vectors) {
      if (otherId === id) continue;
      let dot = 0;
      for (const [term, weight] of vector) dot += weight * (other.get(term) ?? 0);
      if (dot > 0) others.push({ id: otherId, similarity: dot });
    }
    similarities.set(
      id,
      others.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1)),
    );
  }
  return similarities;
}

function indexOf(corpus: Corpus): TfIdfIndex {
  const index = new TfIdfIndex();
  for (const [id, counts] of corpus) index.upsert(id, counts);
  index.reweight();
  return index;
}

/** Same similarities in the same order; ids compared only where the scores are not tied. */
function expectSameRanking(actual: Similar[], expected: Similar[]): void {
  expect(actual.map((result) => result.similarity)).toEqual(
    expected.map((result) => expect.closeTo(result.similarity, 5)),
  );
  actual.forEach((result, i) => {
    const tied = expected.some(
      (other, j) => j !== i && Math.abs(other.similarity - result.similarity) < 1e-5,
    );
    if (!tied) expect(result.id).toBe(expected[i]!.id);
  });
}

describe('TfIdfIndex', () => {
  it('ranks neighbours by exact TF-IDF cosine on random corpora', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const corpus = randomCorpus(seed, 60);
      const index = indexOf(corpus);
      const expected = bruteForceSimilarities(corpus);
      for (const id of corpus.keys()) {
        expectSameRanking(index.neighbours(id, 7), expected.get(id)!.slice(0, 7));
      }
    }
  });

  it('ranks exactly when queries reach only a few documents of a large corpus', () => {
    const corpus = randomCorpus(6, 3000, 20_000, true);
    const index = indexOf(corpus);
    const ids = Array.from({ length: 40 }, (_, i) => `doc-${i * 70}`);
    const expected = bruteForceSimilarities(corpus, ids);
    for (const id of ids) expectSameRanking(index.neighbours(id, 5), expected.get(id)!.slice(0, 5));
  });

  it('prunes without changing a result: filter, minSimilarity, any k', () => {
    const corpus = topicalCorpus(21, 1500);
    const index = indexOf(corpus);
    const model = new DriftingModel();
    for (const [id, counts] of corpus) model.upsert(id, counts);
    model.reweight();
    const notMultipleOf3 = (id: string) => Number(id.slice(4)) % 3 !== 0;
    for (let d = 0; d < 1500; d += 97) {
      const id = `doc-${d}`;
      for (const k of [1, 10, 40]) expectSameRanking(index.neighbours(id, k), model.neighbours(id, k));
      const fifth = model.neighbours(id, 5).at(-1)!.similarity;
      for (const options of [
        { filter: notMultipleOf3 },
        { minSimilarity: fifth - 1e-6 },
        { minSimilarity: fifth - 1e-6, filter: notMultipleOf3 },
        { minSimilarity: 0.99 },
      ]) {
        expectSameRanking(index.neighbours(id, 10, options), model.neighbours(id, 10, options));
      }
    }
  });

  it('prunes without changing a result through upserts, replacements and removals (IDF drift)', () => {
    const random = seededRandom(22);
    const documents = [...topicalCorpus(23, 2000)];
    const index = new TfIdfIndex();
    const model = new DriftingModel();
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 250; i++) {
        const [id, counts] = documents[Math.floor(random() * documents.length)]!;
        // Half the upserts of a known id replace it with another document's terms.
        const replacement = model.corpus.has(id) && random() < 0.5;
        const stored = replacement ? documents[Math.floor(random() * documents.length)]![1] : counts;
        index.upsert(id, stored);
        model.upsert(id, stored);
      }
      for (const id of [...model.corpus.keys()].filter(() => random() < 0.1)) {
        index.remove(id);
        model.remove(id);
      }
      if (round === 3) {
        index.reweight();
        model.reweight();
      }
      const ids = [...model.corpus.keys()].filter((_, i) => i % 37 === 0);
      for (const id of ids) {
        expectSameRanking(index.neighbours(id, 10), model.neighbours(id, 10));
        const filter = (other: string) => other < id;
        expectSameRanking(index.neighbours(id, 5, { filter }), model.neighbours(id, 5, { filter }));
      }
    }
  });

  it('answers free-text queries exactly on a corpus where pruning cuts in', () => {
    const corpus = topicalCorpus(24, 1500);
    const index = indexOf(corpus);
    const frequencies = documentFrequencies(corpus);
    const documents = [...corpus].map(([id, counts]) => ({
      id,
      vector: tfIdfVector(counts, (term) => frequencies.get(term)!, corpus.size),
    }));
    for (const queried of ['doc-7', 'doc-700']) {
      // A known document's terms plus one the index has never seen, which only lengthens the query.
      const counts = new Map([...corpus.get(queried)!, ['unseen', 2]]);
      const query = tfIdfVector(counts, (term) => frequencies.get(term) ?? 0, corpus.size);
      const expected = documents
        .map(({ id, vector }) => ({
          id,
          similarity: [...query].reduce((dot, [term, weight]) => dot + weight * (vector.get(term) ?? 0), 0),
        }))
        .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1));
      expectSameRanking(index.query(counts, 10), expected.slice(0, 10));
    }
  });

  it('answers term-count queries with the same cosine', () => {
    const corpus = randomCorpus(11, 50);
    const index = indexOf(corpus);
    const queried = corpus.get('doc-3')!;
    const expected = bruteForceSimilarities(corpus).get('doc-3')!;
    const results = index.query(queried, 6);
    // The query has the same terms as doc-3, so doc-3 itself comes first, at similarity 1.
    expect(results[0]).toEqual({ id: 'doc-3', similarity: expect.closeTo(1, 5) });
    expectSameRanking(results.slice(1), expected.slice(0, 5));
  });

  it('returns at most k results, best first, never the document itself', () => {
    const index = indexOf(randomCorpus(7, 200));
    for (const k of [1, 3, 10]) {
      const results = index.neighbours('doc-0', k);
      expect(results.length).toBeLessThanOrEqual(k);
      expect(results.map((result) => result.id)).not.toContain('doc-0');
      const similarities = results.map((result) => result.similarity);
      expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
    }
    expect(index.neighbours('doc-0', 0)).toEqual([]);
    expect(index.neighbours('unknown', 5)).toEqual([]);
  });

  it('breaks ties by id, whatever order the documents were stored in', () => {
    const index = new TfIdfIndex();
    // Copies stored in descending id order, so slot order and id order disagree; the filler keeps idf apart.
    for (let i = 39; i >= 0; i--)
      index.upsert(`copy-${String(i).padStart(2, '0')}`, { coaching: 2, rota: 1 });
    for (let i = 0; i < 200; i++) index.upsert(`filler-${i}`, { [`word${i % 17}`]: 1, rota: 1 });
    index.upsert('query', { coaching: 2, rota: 1, extra: 1 });
    index.reweight();
    const results = index.neighbours('query', 5);
    expect(results.map((result) => result.id)).toEqual([
      'copy-00',
      'copy-01',
      'copy-02',
      'copy-03',
      'copy-04',
    ]);
    expect(new Set(results.map((result) => result.similarity)).size).toBe(1);
  });

  it('applies minSimilarity and filter before taking the top k', () => {
    const corpus = randomCorpus(8, 100);
    const index = indexOf(corpus);
    const all = bruteForceSimilarities(corpus).get('doc-1')!;
    const even = (id: string) => Number(id.slice(4)) % 2 === 0;
    // Just under the sixth best, so the float32 weights of the index cannot round it out.
    const cutoff = all[5]!.similarity - 1e-6;
    const expected = all.filter((result) => even(result.id) && result.similarity >= cutoff).slice(0, 3);
    expectSameRanking(index.neighbours('doc-1', 3, { minSimilarity: cutoff, filter: even }), expected);
  });

  it('stays correct after a filter throws mid-query', () => {
    const corpus = randomCorpus(12, 60);
    const index = indexOf(corpus);
    expect(() =>
      index.neighbours('doc-2', 5, {
        filter: () => {
          throw new Error('filter failed');
        },
      }),
    ).toThrow('filter failed');
    expectSameRanking(index.neighbours('doc-2', 5), bruteForceSimilarities(corpus).get('doc-2')!.slice(0, 5));
  });

  it('forgets removed documents and replaces updated ones', () => {
    const corpus = randomCorpus(9, 80);
    const index = indexOf(corpus);
    for (let d = 0; d < 80; d += 3) {
      expect(index.remove(`doc-${d}`)).toBe(true);
      corpus.delete(`doc-${d}`);
    }
    expect(index.remove('doc-0')).toBe(false);
    const replacement = new Map([
      ['t1', 2],
      ['t2', 1],
      ['fresh', 1],
    ]);
    index.upsert('doc-1', replacement);
    corpus.set('doc-1', replacement);
    expect(index.size).toBe(corpus.size);
    expect(index.has('doc-0')).toBe(false);
    expect(index.neighbours('doc-0', 5)).toEqual([]);

    const removedIds = new Set(Array.from({ length: 27 }, (_, i) => `doc-${i * 3}`));
    for (const id of corpus.keys()) {
      for (const result of index.neighbours(id, 10)) expect(removedIds.has(result.id)).toBe(false);
    }

    index.reweight();
    const expected = bruteForceSimilarities(corpus);
    for (const id of corpus.keys()) expectSameRanking(index.neighbours(id, 5), expected.get(id)!.slice(0, 5));
  });

  it('stays exact through the rebuild that many removals trigger', () => {
    const corpus = randomCorpus(10, 3000, 300);
    const index = indexOf(corpus);
    for (let d = 0; d < 3000; d++) {
      if (d % 5 === 0) continue;
      index.remove(`doc-${d}`);
      corpus.delete(`doc-${d}`);
    }
    // A rebuild happened on the way (it resets the drift), or the ratio would be 2400 removals / 600 left.
    expect(index.driftRatio()).toBeLessThan(2400 / 600);
    index.reweight();
    const ids = [...corpus.keys()].slice(0, 50);
    const expected = bruteForceSimilarities(corpus, ids);
    for (const id of ids) {
      expectSameRanking(index.neighbours(id, 5), expected.get(id)!.slice(0, 5));
    }
  });

  it('loads term-id vectors like upserts followed by a reweight', () => {
    const corpus = topicalCorpus(25, 800);
    const upserted = indexOf(corpus);
    const loaded = new TfIdfIndex();
    // Replaced on load: an id indexed before, and one given twice in the same batch.
    loaded.upsert('doc-3', { stale: 1 });
    function* vectors() {
      yield { id: 'doc-5', termIds: Int32Array.of(loaded.termId('stale')), counts: [1] };
      for (const [id, counts] of corpus) {
        // Terms are interned while the documents are read; a zero count is ignored.
        const terms = [...counts.keys(), 'ignored'];
        yield {
          id,
          termIds: Int32Array.from(terms, (term) => loaded.termId(term)),
          counts: Float64Array.from(terms, (term) => counts.get(term) ?? 0),
        };
      }
    }
    loaded.load(vectors());
    expect(loaded.size).toBe(corpus.size);
    expect(loaded.driftRatio()).toBe(0);
    for (const id of corpus.keys()) {
      expect(loaded.neighbours(id, 10)).toEqual(upserted.neighbours(id, 10));
    }
    expect(loaded.neighbours('doc-3', 10).map((result) => result.id)).not.toContain('stale');
  });

  /** Loads a corpus through `startLoad`, calling `started` before the first document is added. */
  function loadInSteps(index: TfIdfIndex, corpus: Corpus, expectedTerms: number, started = () => {}) {
    const loading = index.startLoad(expectedTerms);
    started();
    for (const [id, counts] of corpus)
      loading.add({
        id,
        termIds: Int32Array.from(counts.keys(), (term) => index.termId(term)),
        counts: [...counts.values()],
      });
    loading.finish();
  }

  function termsOf(corpus: Corpus) {
    return [...corpus.values()].reduce((total, counts) => total + counts.size, 0);
  }

  it('loads the same whatever the expected number of terms: none, too few, too many', () => {
    const corpus = topicalCorpus(25, 800);
    const upserted = indexOf(corpus);
    const terms = termsOf(corpus);
    for (const expectedTerms of [0, Math.floor(terms / 3), terms * 4]) {
      const index = new TfIdfIndex();
      loadInSteps(index, corpus, expectedTerms);
      for (const id of [...corpus.keys()].slice(0, 100))
        expect(index.neighbours(id, 10), `${expectedTerms} expected`).toEqual(upserted.neighbours(id, 10));
    }
  });

  it('hands a prefault hook the shared memory a load reserves, before writing it, and loads the same', () => {
    const corpus = topicalCorpus(25, 800);
    const upserted = indexOf(corpus);
    const terms = termsOf(corpus);
    const given: SharedArrayBuffer[][] = [];
    const index = new TfIdfIndex({ prefault: (buffers) => given.push([...buffers]) });
    loadInSteps(index, corpus, terms, () => {
      // The documents' term ids, tfs and weights, and the postings' slots and weights, each room for every term.
      expect(given).toHaveLength(1);
      expect(given[0]!.map((buffer) => buffer.byteLength)).toEqual(Array(5).fill(4 * terms));
      expect(given[0]!.every((buffer) => new Int32Array(buffer).every((word) => word === 0))).toBe(true);
    });
    for (const id of [...corpus.keys()].slice(0, 100))
      expect(index.neighbours(id, 10)).toEqual(upserted.neighbours(id, 10));
    // A load with nothing announced reserves nothing.
    index.load([]);
    expect(given).toHaveLength(1);
  });

  it('refuses a loaded document with unknown or repeated term ids, keeping the ones before it', () => {
    const index = new TfIdfIndex();
    const team = index.termId('team');
    const coach = index.termId('coach');
    const valid = { id: 'a', termIds: Int32Array.of(team, coach), counts: [1, 2] };
    expect(() =>
      index.load([valid, { id: 'b', termIds: Int32Array.of(team, team), counts: [1, 1] }]),
    ).toThrow(RangeError);
    expect(() => index.load([{ id: 'c', termIds: Int32Array.of(99), counts: [1] }])).toThrow(RangeError);
    expect(() => index.load([{ id: 'd', termIds: Int32Array.of(team), counts: [1, 1] }])).toThrow(RangeError);
    expect(index.size).toBe(1);
    expect(index.vector('a').map(({ term }) => term)).toEqual(['coach', 'team']);
  });

  it('reweighting brings stored weights up to date as a term becomes common', () => {
    const index = new TfIdfIndex();
    index.upsert('a', { coaching: 1, walk: 1 });
    index.upsert('b', { coaching: 1, lunch: 1 });
    index.reweight();
    const whileRare = index.neighbours('a', 1)[0]!.similarity;

    for (let d = 0; d < 50; d++) index.upsert(`other-${d}`, { coaching: 1, [`topic${d}`]: 1 });
    expect(index.driftRatio()).toBeCloseTo(50 / 52);
    const beforeReweight = index.neighbours('a', 1, { filter: (id) => id === 'b' })[0]!.similarity;
    index.reweight();
    expect(index.driftRatio()).toBe(0);
    const afterReweight = index.neighbours('a', 1, { filter: (id) => id === 'b' })[0]!.similarity;

    // "coaching" is now in every document, so it says less about a and b being alike.
    expect(afterReweight).toBeLessThan(whileRare);
    expect(afterReweight).not.toBeCloseTo(beforeReweight, 3);
    const corpus: Corpus = new Map([
      [
        'a',
        new Map([
          ['coaching', 1],
          ['walk', 1],
        ]),
      ],
      [
        'b',
        new Map([
          ['coaching', 1],
          ['lunch', 1],
        ]),
      ],
      ...Array.from({ length: 50 }, (_, d): [string, Map<string, number>] => [
        `other-${d}`,
        new Map([
          ['coaching', 1],
          [`topic${d}`, 1],
        ]),
      ]),
    ]);
    const exact = bruteForceSimilarities(corpus)
      .get('a')!
      .find((result) => result.id === 'b')!.similarity;
    expect(afterReweight).toBeCloseTo(exact, 5);
  });

  it('describes documents and groups by their heaviest terms', () => {
    const index = new TfIdfIndex();
    index.upsert('a', { mentor: 3, digital: 1, team: 1 });
    index.upsert('b', { mentor: 2, board: 1, team: 1 });
    index.upsert('c', { budget: 1, team: 1 });
    expect(index.vector('a')[0]!.term).toBe('mentor');
    expect(index.vector('a', 2)).toHaveLength(2);
    expect(index.vector('unknown')).toEqual([]);
    expect(index.topTerms(['a', 'b'], 1)).toEqual(['mentor']);
  });
});

describe('TfIdfIndex on leadership stories', () => {
  const index = new TfIdfIndex();
  for (const story of SAMPLE_STORIES) index.upsert(story.id, storyTermCounts(story));
  index.reweight();
  const practiceOf = new Map(SAMPLE_STORIES.map((story) => [story.id, story.practice]));

  it('ranks retellings of self-managed teams above everything else', () => {
    const selfManaged = ['self-managed-1', 'self-managed-2', 'self-managed-3'];
    for (const id of selfManaged) {
      const top = index.neighbours(id, 2).map((result) => result.id);
      expect(top.sort()).toEqual(selfManaged.filter((other) => other !== id));
    }
    const budgeting = index
      .neighbours('self-managed-1', 20)
      .find((result) => result.id === 'zero-based-budget');
    expect(budgeting?.similarity ?? 0).toBeLessThan(PRACTICE_SIMILARITY_THRESHOLD);
  });

  it('links every story to a retelling of its practice, and never across practices, at the threshold', () => {
    for (const story of SAMPLE_STORIES) {
      const linked = index.neighbours(story.id, 20, { minSimilarity: PRACTICE_SIMILARITY_THRESHOLD });
      for (const result of linked) expect(practiceOf.get(result.id)).toBe(story.practice);
      const retold = SAMPLE_STORIES.some((other) => other !== story && other.practice === story.practice);
      expect(linked.length > 0).toBe(retold);
    }
  });
});
