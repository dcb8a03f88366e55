/**
 * A worker restart for bench/jobs.bench.ts, in a fresh process as a real restart is (DATABASE_URL from the
 * environment). `--from stored`: the index mirror's first sync (dictionary, then the packed term rows
 * stored in the index as they stream in, postings written once).
 * `--from text`: the baseline, every story's text read, analysed and indexed; the analysis is timed on the
 * distinct texts (external ids 'bench-story-…'; the others are copies of them) and scaled to every story, the
 * copies taking their original's term counts. Sends its figures to the parent over IPC.
 */
import { sql } from 'kysely';
import { createDatabase, StoryIndexMirror } from '@kf/db';
import { type StoryText, storyTermCounts, TfIdfIndex } from '@kf/domain';

export interface IndexRestartFigures {
  stories: number;
  seconds: number;
  /** What the seconds are made of, for the log. */
  detail: string;
}

const db = createDatabase({ url: process.env.DATABASE_URL!, poolSize: 2, applicationName: 'kf-bench' });

async function fromStored(): Promise<IndexRestartFigures> {
  const mirror = new StoryIndexMirror(db);
  // Writing the postings timed apart from reading, decoding and storing the rows (done as they stream in).
  const { index } = mirror;
  const startLoad = index.startLoad.bind(index);
  let postingsSeconds = 0;
  index.startLoad = (expectedTerms) => {
    const loading = startLoad(expectedTerms);
    return {
      add: loading.add,
      finish() {
        const finishStarted = performance.now();
        loading.finish();
        postingsSeconds += (performance.now() - finishStarted) / 1000;
      },
    };
  };
  const started = performance.now();
  await mirror.sync();
  const seconds = (performance.now() - started) / 1000;
  return {
    stories: index.size,
    seconds,
    detail: `read, decode and store ${(seconds - postingsSeconds).toFixed(2)} s, write postings ${postingsSeconds.toFixed(2)} s`,
  };
}

async function fromText(): Promise<IndexRestartFigures> {
  const readStarted = performance.now();
  const { rows } = await sql<StoryText & { id: string; original: boolean }>`
    select id, title, body, tags, external_id like 'bench-story-%' as original from stories`.execute(db);
  const readSeconds = (performance.now() - readStarted) / 1000;
  const originals = rows.filter((story) => story.original);
  const analyseStarted = performance.now();
  const counts = originals.map((story) => storyTermCounts(story));
  const analyseSeconds = ((performance.now() - analyseStarted) / 1000) * (rows.length / originals.length);
  const buildStarted = performance.now();
  const index = new TfIdfIndex();
  index.load(
    rows.map((story, i) => {
      const storyCounts = counts[i % counts.length]!;
      return {
        id: story.id,
        termIds: Int32Array.from(storyCounts.keys(), (term) => index.termId(term)),
        counts: [...storyCounts.values()],
      };
    }),
  );
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  return {
    stories: index.size,
    seconds: readSeconds + analyseSeconds + buildSeconds,
    detail:
      `read ${readSeconds.toFixed(2)} s, analyse ${analyseSeconds.toFixed(1)} s (scaled from ` +
      `${originals.length.toLocaleString('en-US')} texts), build ${buildSeconds.toFixed(2)} s`,
  };
}

try {
  process.send!(process.argv.includes('text') ? await fromText() : await fromStored());
} finally {
  await db.destroy();
}
