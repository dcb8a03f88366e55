/**
 * The text model against natural, the library it is built on: analysing story text, building the TF-IDF
 * index, and finding a story's ten nearest neighbours, on synthetic corpora of 10k, 50k and 100k stories
 * (BENCH_SIZES=10000,50000 to choose others).
 *
 * Both indexes get the same analysed terms, so the build and query figures compare indexes, not tokenisers.
 * natural's TfIdf is used as its README shows: `addDocument` per story, then `tfidfs(terms, callback)`
 * with the query story's terms, which scores every document; we keep the best ten from the callback. Its
 * score is a sum of tf × idf rather than a cosine, so the figures compare the cost of ranking, not rankings.
 */
import { createRequire } from 'node:module';
import type NaturalPorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import type NaturalTfIdf from 'natural/lib/natural/tfidf/tfidf.js';
import { TfIdfIndex, analyze, storyTermCounts } from '../packages/domain/src/text/index.js';
import { type BenchRow, measure, printComparison, type ComparisonRow } from './harness.js';
import { generateStories, type SyntheticStory } from './synthetic-stories.js';

// natural is a dependency of @kf/domain, not of the workspace root, so it is resolved from that package.
// Single files only: natural's root module reads .env and loads database drivers.
const requireFromDomain = createRequire(new URL('../packages/domain/package.json', import.meta.url));
const TfIdf = requireFromDomain('natural/lib/natural/tfidf/tfidf.js') as typeof NaturalTfIdf;
const PorterStemmer = requireFromDomain(
  'natural/lib/natural/stemmers/porter_stemmer.js',
) as typeof NaturalPorterStemmer;

const DEFAULT_SIZES = [10_000, 50_000, 100_000];
const NEIGHBOURS = 10;
/** natural scores every document per query (seconds at 100k), so larger corpora get fewer baseline runs. */
const baselineQueryRuns = (size: number) => (size <= 10_000 ? 20 : 5);
/** Different stories to query, taken in turn, so no single story's terms decide the figure. */
const QUERY_STORIES = 64;
const ANALYSIS_SAMPLE = 1_000;

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

function buildOurs(ids: readonly string[], terms: readonly string[][]): TfIdfIndex {
  const index = new TfIdfIndex();
  for (let i = 0; i < ids.length; i++) {
    const counts = new Map<string, number>();
    for (const term of terms[i]!) counts.set(term, (counts.get(term) ?? 0) + 1);
    index.upsert(ids[i]!, counts);
  }
  index.reweight();
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

/** Exhaustive queries: few, they score every story. */
const EXACT_QUERIES = 5;

/**
 * The exact answer by brute force: cosine of the query story's stored vector with every story's, best ten.
 * Returns the time per query and how many of our ten neighbours are in the exact ten (overlap@10).
 */
function exactCosine(index: TfIdfIndex, ids: readonly string[], queries: readonly number[]) {
  const vectors = ids.map((id) => new Map(index.vector(id).map(({ term, weight }) => [term, weight])));
  let overlapSum = 0;
  const started = performance.now();
  for (const query of queries) {
    const q = vectors[query]!;
    const scored: { i: number; score: number }[] = [];
    vectors.forEach((vector, i) => {
      if (i === query) return;
      let dot = 0;
      for (const [term, weight] of q) dot += weight * (vector.get(term) ?? 0);
      if (dot > 0) scored.push({ i, score: dot });
    });
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

export async function run(): Promise<BenchRow[]> {
  const rows: ComparisonRow[] = [];

  const sample = generateStories(ANALYSIS_SAMPLE).map(storyText);
  rows.push({
    benchmark: `analyse ${ANALYSIS_SAMPLE} stories`,
    corpusSize: ANALYSIS_SAMPLE,
    baselineMs: await measure(() => sample.map((text) => PorterStemmer.tokenizeAndStem(text)), {
      iterations: 5,
      warmup: 1,
    }),
    oursMs: await measure(() => sample.map(analyze), { iterations: 5, warmup: 1 }),
    note: 'natural tokenizeAndStem; ours with a warm stem cache',
  });

  // Each size gets its own corpus (the generator is deterministic, so smaller ones are prefixes of larger
  // ones) and nothing else stays alive, so the garbage collector's work matches that size alone.
  for (const size of corpusSizes()) {
    const started = performance.now();
    const { ids, terms } = corpus(size);
    console.log(`  ${size.toLocaleString('en-US')} stories generated and analysed in ${seconds(started)}`);
    const queryStories = Array.from({ length: QUERY_STORIES }, (_, i) =>
      Math.floor((i * size) / QUERY_STORIES),
    );
    const buildRuns = size <= 10_000 ? { iterations: 3, warmup: 1 } : { iterations: 1 };

    let ours = new TfIdfIndex();
    const oursBuildMs = await measure(() => (ours = buildOurs(ids, terms)), buildRuns);
    let nextQuery = 0;
    const oursQueryMs = await measure(
      () => ours.neighbours(ids[queryStories[nextQuery++ % QUERY_STORIES]!]!, NEIGHBOURS),
      { minTimeMs: 1_000, warmup: QUERY_STORIES },
    );
    const exact = exactCosine(ours, ids, queryStories.slice(0, EXACT_QUERIES));
    ours = new TfIdfIndex();

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

    rows.push(
      {
        benchmark: 'build index',
        corpusSize: size,
        baselineMs: naturalBuildMs,
        oursMs: oursBuildMs,
        note: buildRuns.iterations === 1 ? 'one build each' : `median of ${buildRuns.iterations} builds`,
      },
      {
        benchmark: `top-${NEIGHBOURS} neighbours`,
        corpusSize: size,
        baselineMs: naturalQueryMs,
        oursMs: oursQueryMs,
        note: `baseline: median of ${baselineQueryRuns(size)} queries; ours: ≥ 1 s of queries`,
      },
      {
        benchmark: `top-${NEIGHBOURS} vs exact cosine`,
        corpusSize: size,
        baselineMs: exact.exactMs,
        oursMs: oursQueryMs,
        note: `exhaustive cosine over every story (${EXACT_QUERIES} queries); overlap@${NEIGHBOURS} ${exact.overlap.toFixed(3)}`,
      },
      {
        benchmark: 'restart: index from stored terms',
        corpusSize: size,
        baselineMs: await reTokeniseAndBuildMs(size),
        oursMs: oursBuildMs,
        note: 'baseline: re-tokenise every story, then build (what a restart without stored term counts costs)',
      },
    );
    console.log(`  ${size.toLocaleString('en-US')} stories measured in ${seconds(started)}`);
  }

  printComparison('Text similarity: TfIdfIndex vs natural TfIdf', rows);
  return rows.map((row) => ({
    name: `similarity ${row.benchmark}, ${row.corpusSize} stories`,
    value: row.oursMs,
    unit: 'ms',
    baseline: 'natural',
    baselineValue: row.baselineMs,
    ratio: row.baselineMs / row.oursMs,
    target: null,
    met: null,
  }));
}
