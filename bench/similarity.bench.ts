/**
 * The text model against natural, the library it is built on: analysing story text, building the TF-IDF
 * index, finding a story's ten nearest neighbours, and rebuilding the index on a worker restart, on
 * synthetic corpora of 10k, 50k and 200k stories (BENCH_SIZES=10000,50000 to choose others). The restart's
 * target is measured from PostgreSQL by bench/jobs.bench.ts.
 *
 * Both indexes get the same analysed terms, so the build and query figures compare indexes, not tokenisers.
 * natural's TfIdf is used as its README shows: `addDocument` per story, then `tfidfs(terms, callback)`
 * with the query story's terms, which scores every document; we keep the best ten from the callback. Its
 * score is a sum of tf × idf rather than a cosine, so the figures compare the cost of ranking, not rankings;
 * overlap@10 with an exhaustive exact cosine checks ours. Targets are those of issue 8.
 */
import { createRequire } from 'node:module';
import type NaturalPorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type NaturalTfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { TfIdfIndex, analyze, storyTermCounts } from '../packages/domain/src/text/index.js';
import {
  type BenchRow,
  type ComparisonRow,
  formatNumber,
  measure,
  percentile,
  printComparison,
  printTable,
  sampleTimes,
  yesNo,
} from './harness.js';
import { generateStories, type SyntheticStory } from './synthetic-stories.js';

// natural is a dependency of @kf/domain, not of the workspace root, so it is resolved from that package.
// Single files only: natural's root module reads .env and loads database drivers.
const requireFromDomain = createRequire(new URL('../packages/domain/package.json', import.meta.url));
const TfIdf = requireFromDomain('natural/lib/natural/tfidf/tfidf.js') as typeof NaturalTfIdf;
const PorterStemmer = requireFromDomain(
  'natural/lib/natural/stemmers/porter_stemmer.js',
) as typeof NaturalPorterStemmer;

const DEFAULT_SIZES = [10_000, 50_000, 200_000];
const NEIGHBOURS = 10;
/** natural scores every document per query (seconds at 200k, ~3 GB), so larger corpora get fewer runs. */
const baselineQueryRuns = (size: number) => (size <= 10_000 ? 20 : size <= 50_000 ? 5 : 3);
/** Different stories to query, taken in turn, so no single story's terms decide the figure. */
const QUERY_STORIES = 64;
/** Long enough for a p99 of some hundreds of queries even at 200k stories. */
const QUERY_TIME_MS = 2_000;
const ANALYSIS_SAMPLE = 1_000;
/** Exhaustive queries: few, they score every story. */
const EXACT_QUERIES = 5;

/** Issue 8: top-10 p50 by corpus size (none set for other sizes). */
const NEIGHBOURS_P50_TARGET_MS = new Map([
  [50_000, 0.5],
  [200_000, 2],
]);
const NEIGHBOURS_VS_NATURAL_TARGET = 500;
const OVERLAP_TARGET = 0.99;
const ANALYSE_VS_NATURAL_TARGET = 5;

interface Target {
  text: string;
  met: boolean;
}

interface SimilarityRow extends ComparisonRow {
  /** What the JSON figure is, when not the time of ours. */
  value?: { figure: number; unit: string; baseline: string };
  target?: Target;
}

function corpusSizes(): number[] {
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number) ?? DEFAULT_SIZES;
  if (sizes.some((size) => !Number.isInteger(size) || size < QUERY_STORIES)) {
    throw new Error(`BENCH_SIZES must be integers of at least ${QUERY_STORIES}, comma-separated`);
  }
  return sizes;
}

function storyText(story: SyntheticStory): string {
  return `${story.title} ${story.body} ${story.tags.join(' ')}`;
}

/** A story's terms as a list, each repeated as often as it counts: the form natural's addDocument takes. */
function storyTerms(story: SyntheticStory): string[] {
  return [...storyTermCounts(story)].flatMap(([term, count]) => Array<string>(count).fill(term));
}

function termCountsOf(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Our incremental path: an upsert per story (term strings), then one reweight. */
function buildOurs(ids: readonly string[], terms: readonly string[][]): TfIdfIndex {
  const index = new TfIdfIndex();
  for (let i = 0; i < ids.length; i++) index.upsert(ids[i]!, termCountsOf(terms[i]!));
  index.reweight();
  return index;
}

/**
 * Term vectors as a restart finds them stored: a dictionary of terms and, per story, dictionary numbers
 * and counts.
 */
interface StoredVectors {
  dictionary: string[];
  termNumbers: Int32Array[];
  counts: Int32Array[];
}

function storedVectors(terms: readonly string[][]): StoredVectors {
  const numberOf = new Map<string, number>();
  const termNumbers: Int32Array[] = [];
  const counts: Int32Array[] = [];
  for (const termsOfStory of terms) {
    const storyCounts = termCountsOf(termsOfStory);
    termNumbers.push(
      Int32Array.from(storyCounts.keys(), (term) => {
        let number = numberOf.get(term);
        if (number === undefined) numberOf.set(term, (number = numberOf.size));
        return number;
      }),
    );
    counts.push(Int32Array.from(storyCounts.values()));
  }
  return { dictionary: [...numberOf.keys()], termNumbers, counts };
}

/**
 * A restart with stored term vectors: intern the dictionary once, then one bulk load, translating
 * dictionary numbers to term ids in one reused buffer (load copies what it keeps).
 */
function loadOurs(ids: readonly string[], stored: StoredVectors): TfIdfIndex {
  const index = new TfIdfIndex();
  const termIdOf = Int32Array.from(stored.dictionary, (term) => index.termId(term));
  const buffer = new Int32Array(termIdOf.length);
  function* documents() {
    for (let i = 0; i < ids.length; i++) {
      const numbers = stored.termNumbers[i]!;
      for (let j = 0; j < numbers.length; j++) buffer[j] = termIdOf[numbers[j]!]!;
      yield { id: ids[i]!, termIds: buffer.subarray(0, numbers.length), counts: stored.counts[i]! };
    }
  }
  index.load(documents());
  return index;
}

function buildNatural(ids: readonly string[], terms: readonly string[][]): NaturalTfIdf {
  const tfidf = new TfIdf();
  for (let i = 0; i < ids.length; i++) tfidf.addDocument(terms[i]!, ids[i]);
  return tfidf;
}

/** natural's ranking: every document's summed tf × idf over the query terms, best ten kept. */
function naturalNeighbours(tfidf: NaturalTfIdf, queryTerms: string[], self: number): number[] {
  const best: { index: number; score: number }[] = [];
  tfidf.tfidfs(queryTerms, (index, score) => {
    if (index === self || (best.length === NEIGHBOURS && score <= best[NEIGHBOURS - 1]!.score)) return;
    const at = best.findIndex((entry) => entry.score < score);
    best.splice(at === -1 ? best.length : at, 0, { index, score });
    if (best.length > NEIGHBOURS) best.pop();
  });
  return best.map((entry) => entry.index);
}

/** Story ids and analysed terms; the texts are dropped at once so they do not weigh on garbage collection. */
function corpus(size: number): { ids: string[]; terms: string[][] } {
  const stories = generateStories(size);
  return { ids: stories.map((story) => story.id), terms: stories.map(storyTerms) };
}

/**
 * The exact answer by brute force, straight from the TF-IDF formulas on the stored vectors (no index):
 * cosine of the query story with every story, best ten. Returns the time per query and how many of our ten
 * neighbours are in the exact ten (overlap@10).
 */
function exactCosine(index: TfIdfIndex, ids: readonly string[], stored: StoredVectors, queries: number[]) {
  const docFreqs = new Float64Array(stored.dictionary.length);
  for (const numbers of stored.termNumbers) for (const number of numbers) docFreqs[number]!++;
  const idfs = docFreqs.map((docFreq) => Math.log((1 + ids.length) / (1 + docFreq)) + 1);
  const vectors = stored.termNumbers.map((numbers, i) => {
    const weights = Float64Array.from(
      numbers,
      (number, j) => (1 + Math.log(stored.counts[i]![j]!)) * idfs[number]!,
    );
    const length = Math.hypot(...weights);
    return weights.map((weight) => weight / length);
  });
  const queryWeights = new Float64Array(stored.dictionary.length);
  let overlapSum = 0;
  const started = performance.now();
  for (const query of queries) {
    stored.termNumbers[query]!.forEach((number, j) => (queryWeights[number] = vectors[query]![j]!));
    const scored: { i: number; score: number }[] = [];
    vectors.forEach((weights, i) => {
      if (i === query) return;
      const numbers = stored.termNumbers[i]!;
      let dot = 0;
      for (let j = 0; j < numbers.length; j++) dot += queryWeights[numbers[j]!]! * weights[j]!;
      if (dot > 0) scored.push({ i, score: dot });
    });
    queryWeights.fill(0);
    scored.sort((a, b) => b.score - a.score);
    const truth = new Set(scored.slice(0, NEIGHBOURS).map((entry) => ids[entry.i]));
    const ours = index.neighbours(ids[query]!, NEIGHBOURS);
    overlapSum += ours.filter((neighbour) => truth.has(neighbour.id)).length / Math.max(1, truth.size);
  }
  return { exactMs: (performance.now() - started) / queries.length, overlap: overlapSum / queries.length };
}

/** A restart that kept no term counts: analyse every story's text again, then build. */
async function reTokeniseAndBuildMs(size: number): Promise<number> {
  const stories = generateStories(size);
  return measure(
    () => {
      const index = new TfIdfIndex();
      for (const story of stories) index.upsert(story.id, storyTermCounts(story));
      index.reweight();
    },
    { iterations: 1 },
  );
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function atLeast(ratio: number, target: number, what: string): Target {
  return { text: `≥ ${target}× ${what}`, met: ratio >= target };
}

/** Ours within a time limit, if the issue sets one for this size, and at least `ratio` × the baseline. */
function timeAndRatio(ms: number, limitMs: number | undefined, ratio: Target): Target {
  if (limitMs === undefined) return ratio;
  return { text: `≤ ${limitMs} ms and ${ratio.text}`, met: ms <= limitMs && ratio.met };
}

export async function run(): Promise<BenchRow[]> {
  const rows: SimilarityRow[] = [];

  const sample = generateStories(ANALYSIS_SAMPLE).map(storyText);
  const analyseBaselineMs = await measure(() => sample.map((text) => PorterStemmer.tokenizeAndStem(text)), {
    iterations: 5,
    warmup: 1,
  });
  const analyseMs = await measure(() => sample.map(analyze), { iterations: 5, warmup: 1 });
  rows.push({
    benchmark: `analyse ${ANALYSIS_SAMPLE} stories`,
    corpusSize: ANALYSIS_SAMPLE,
    baselineMs: analyseBaselineMs,
    oursMs: analyseMs,
    note: 'natural tokenizeAndStem; ours with a warm stem cache',
    target: atLeast(analyseBaselineMs / analyseMs, ANALYSE_VS_NATURAL_TARGET, 'natural'),
  });

  // Each size gets its own corpus (the generator is deterministic, so smaller ones are prefixes of larger
  // ones) and only one index lives at a time, so memory and the garbage collector's work match that size.
  for (const size of corpusSizes()) {
    const started = performance.now();
    const { ids, terms } = corpus(size);
    const stored = storedVectors(terms);
    console.log(`  ${size.toLocaleString('en-US')} stories generated and analysed in ${seconds(started)}`);
    const queryStories = Array.from({ length: QUERY_STORIES }, (_, i) =>
      Math.floor((i * size) / QUERY_STORIES),
    );
    const buildRuns = size <= 10_000 ? { iterations: 3, warmup: 1 } : { iterations: 1 };
    const buildNote =
      buildRuns.iterations === 1 ? 'one build each' : `median of ${buildRuns.iterations} builds`;

    // The restart first, while the heap holds nothing but the corpus, as in a worker starting up.
    let ours = new TfIdfIndex();
    const oursLoadMs = await measure(() => (ours = loadOurs(ids, stored)), buildRuns);
    let nextQuery = 0;
    const oursQueryTimes = await sampleTimes(
      () => ours.neighbours(ids[queryStories[nextQuery++ % QUERY_STORIES]!]!, NEIGHBOURS),
      { minTimeMs: QUERY_TIME_MS, warmup: QUERY_STORIES },
    );
    const oursP50 = percentile(oursQueryTimes, 0.5);
    const oursP99 = percentile(oursQueryTimes, 0.99);
    const exact = exactCosine(ours, ids, stored, queryStories.slice(0, EXACT_QUERIES));
    ours = new TfIdfIndex();
    const oursBuildMs = await measure(() => buildOurs(ids, terms), buildRuns);

    let natural = new TfIdf();
    const naturalBuildMs = await measure(() => (natural = buildNatural(ids, terms)), buildRuns);
    const queryTerms = queryStories.map((story) => [...new Set(terms[story])]);
    nextQuery = 0;
    const naturalQueryMs = await measure(
      () => {
        const query = nextQuery++ % QUERY_STORIES;
        return naturalNeighbours(natural, queryTerms[query]!, queryStories[query]!);
      },
      { iterations: baselineQueryRuns(size), warmup: 1 },
    );
    natural = new TfIdf();
    const reTokeniseMs = await reTokeniseAndBuildMs(size);

    const queryNote = `baseline: median of ${baselineQueryRuns(size)} queries; ours: ${oursQueryTimes.length} queries`;
    rows.push(
      {
        benchmark: 'build index (upserts)',
        corpusSize: size,
        baselineMs: naturalBuildMs,
        oursMs: oursBuildMs,
        note: `${buildNote}; ours: upsert per story, then reweight`,
      },
      {
        benchmark: `top-${NEIGHBOURS} neighbours p50`,
        corpusSize: size,
        baselineMs: naturalQueryMs,
        oursMs: oursP50,
        note: queryNote,
        target: timeAndRatio(
          oursP50,
          NEIGHBOURS_P50_TARGET_MS.get(size),
          atLeast(naturalQueryMs / oursP50, NEIGHBOURS_VS_NATURAL_TARGET, 'natural'),
        ),
      },
      {
        benchmark: `top-${NEIGHBOURS} neighbours p99`,
        corpusSize: size,
        baselineMs: naturalQueryMs,
        oursMs: oursP99,
        note: `${queryNote} (baseline is its median too)`,
      },
      {
        benchmark: `top-${NEIGHBOURS} vs exact cosine`,
        corpusSize: size,
        baselineMs: exact.exactMs,
        oursMs: oursP50,
        note: `exhaustive cosine over every story (${EXACT_QUERIES} queries); overlap@${NEIGHBOURS} ${exact.overlap.toFixed(3)}`,
        value: { figure: exact.overlap, unit: `overlap@${NEIGHBOURS}`, baseline: 'exhaustive exact cosine' },
        target: { text: `overlap@${NEIGHBOURS} ≥ ${OVERLAP_TARGET}`, met: exact.overlap >= OVERLAP_TARGET },
      },
      {
        benchmark: 'restart: load stored term vectors',
        corpusSize: size,
        baselineMs: reTokeniseMs,
        oursMs: oursLoadMs,
        // No target here: the is a worker's restart from PostgreSQL (bench/jobs.bench.ts). In this
        // process the heap holds the analysed corpus (400 MB at 200k), and the load's typed arrays (about
        // 350 MB, external memory to V8) make it collect that heap about ten times, 1.5-2 s of the load.
        note: 'in memory, no DB read; baseline: re-tokenise every story, then build; target: see the jobs bench',
      },
    );
    console.log(`  ${size.toLocaleString('en-US')} stories measured in ${seconds(started)}`);
  }

  printComparison('Text similarity: TfIdfIndex vs natural TfIdf', rows);
  const targeted = rows.filter((row) => row.target !== undefined);
  printTable(
    'Issue 8 targets',
    ['benchmark', 'corpus size', 'ours', 'target', 'met'],
    targeted.map((row) => [
      row.benchmark,
      row.corpusSize.toLocaleString('en-US'),
      row.value ? formatNumber(row.value.figure) : `${formatNumber(row.oursMs)} ms`,
      row.target!.text,
      yesNo(row.target!.met),
    ]),
    new Set([0, 3]),
  );
  return rows.map((row) => ({
    name: `similarity ${row.benchmark}, ${row.corpusSize} stories`,
    value: row.value?.figure ?? row.oursMs,
    unit: row.value?.unit ?? 'ms',
    baseline: row.value?.baseline ?? (row.benchmark.startsWith('restart') ? 're-tokenise' : 'natural'),
    baselineValue: row.value ? null : row.baselineMs,
    ratio: row.value ? null : row.baselineMs / row.oursMs,
    target: row.target?.text ?? null,
    met: row.target?.met ?? null,
  }));
}
