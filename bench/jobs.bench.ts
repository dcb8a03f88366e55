/**
 * Background jobs through BullMQ on Redis, with the worker's real processors.
 *
 * story.index: 5,000 jobs by default (BENCH_INDEX_JOBS; one per seeded story, none indexed before) drained by
 * two worker processes (bench/jobs-worker.ts), each the worker as `pnpm start:worker` builds it. Baseline: the
 * same jobs, the same queues and worker processes, every processor a no-op.
 *
 * Restart: the index rebuilt from PostgreSQL at 200k stories, against re-analysing their text (see
 * measureRestart).
 *
 * scores.refresh and the weekly report are measured by bench/scores.bench.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { StoryIndexMirror, storyTerms } from '@kf/db';
import { type StoryText, storyTermCounts } from '@kf/domain';
import {
  closeQueues,
  createProducerConnection,
  createQueues,
  enqueue,
  JOBS,
  STORY_COALESCE_MS,
} from '@kf/jobs';
import { loadWorkerConfig } from '@kf/worker';
import {
  createBenchDatabase,
  openBenchDatabase,
  REDIS_URL,
  removeRedisKeys,
  seedCorpus,
} from './bench-infrastructure.js';
import { type BenchRow, formatNumber, formatPercent, packageScript, printTable, yesNo } from './harness.js';
import type { IndexRestartFigures } from './index-restart.js';
import type { JobsWorkerMessage } from './jobs-worker.js';

const INDEX_JOBS = Number(process.env.BENCH_INDEX_JOBS ?? 5_000);
/** The issue's corpus size for the restart figure. */
const ISSUE_STORIES = 200_000;
const WORKER_PROCESSES = 2;
const WORKER_SCRIPT = fileURLToPath(new URL('./jobs-worker.ts', import.meta.url));
const RESTART_SCRIPT = fileURLToPath(new URL('./index-restart.ts', import.meta.url));
/** Distinct synthetic texts of the restart corpus; the rest are copies (analysing 200k texts takes minutes). */
const RESTART_TEXTS = Number(process.env.BENCH_RESTART_TEXTS ?? 20_000);
const MIN_INDEX_RATE = 1_000;
const MAX_RESTART_SECONDS = 3;
const MIN_RESTART_SPEEDUP = 10;

/** What `pnpm start:worker` sets in the worker's environment (glibc's huge pages), for the processes standing in for it. */
const WORKER_SCRIPT_ENV = packageScript('start:worker').env;

type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

/** One worker process (bench/jobs-worker.ts, run with tsx as `pnpm start:worker` runs the worker). */
function spawnWorker(config: WorkerConfig, noop: boolean): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT, ...(noop ? ['--noop'] : [])], {
    env: {
      ...process.env,
      ...WORKER_SCRIPT_ENV,
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      OUTBOX_DIR: config.OUTBOX_DIR,
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

const nextMessage = (child: ChildProcess, type: JobsWorkerMessage['type']) =>
  new Promise<void>((resolve, reject) => {
    const onMessage = (message: JobsWorkerMessage) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bench worker exited (${code}) before '${type}'`)));
  });

/**
 * Enqueues one story.index per story on a paused queue, starts two worker processes, and times them from
 * the resume (every job due, both processes ready) until every job completed; returns jobs per second.
 */
async function drainIndexJobs(config: WorkerConfig, storyIds: string[], noop: boolean): Promise<number> {
  const producer = createProducerConnection(config.REDIS_URL, { enableOfflineQueue: true });
  const queues = createQueues(producer, config.QUEUE_PREFIX);
  const queue = queues[JOBS['story.index'].queue];
  const children: ChildProcess[] = [];
  try {
    await queue.pause();
    for (let start = 0; start < storyIds.length; start += 100)
      await Promise.all(
        storyIds.slice(start, start + 100).map((storyId) => enqueue(queues, 'story.index', { storyId })),
      );
    // The catalog delays (and coalesces) story.index by a second: the run starts once every job is due.
    const due = new Promise((resolve) => setTimeout(resolve, STORY_COALESCE_MS + 200));
    for (let i = 0; i < WORKER_PROCESSES; i++) children.push(spawnWorker(config, noop));
    await Promise.all([due, ...children.map((child) => nextMessage(child, 'ready'))]);

    let completed = 0;
    const failures = new Map<string, number>();
    const done = new Promise<void>((resolve, reject) => {
      for (const child of children) {
        child.on('message', (message: JobsWorkerMessage) => {
          if (message.type === 'completed' && (completed += message.count) >= storyIds.length) resolve();
          // Failed attempts are retried with backoff (and counted: the figure includes the retries); a job
          // failing for good ends the run.
          if (message.type === 'failed') {
            failures.set(message.message, (failures.get(message.message) ?? 0) + 1);
            if (message.final) reject(new Error(`a story.index job failed for good: ${message.message}`));
          }
        });
        child.once('exit', (code) => reject(new Error(`bench worker exited (${code}) during the run`)));
      }
    });
    const started = performance.now();
    await queue.resume();
    await done;
    const seconds = (performance.now() - started) / 1000;
    for (const [message, count] of failures)
      console.log(`  ${noop ? 'no-op' : 'real'} run: ${count} failed attempt(s), retried: ${message}`);
    return storyIds.length / seconds;
  } finally {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send('close');
        return exited;
      }),
    );
    await closeQueues(queues);
    await removeRedisKeys(producer, config.QUEUE_PREFIX);
    producer.disconnect();
  }
}

/** Runs bench/index-restart.ts in a new process, in the worker's environment, and returns its figures. */
function restartIndex(url: string, from: 'stored' | 'text'): Promise<IndexRestartFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', RESTART_SCRIPT, '--from', from], {
    env: { ...process.env, ...WORKER_SCRIPT_ENV, DATABASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (figures: IndexRestartFigures) => resolve(figures));
    child.once('exit', (code) =>
      reject(new Error(`index restart (${from}) exited (${code}) without figures`)),
    );
  });
}

/**
 * A worker restart at the issue's size, each side in a fresh process (bench/index-restart.ts): the index
 * rebuilt from the stored term vectors against re-analysing every story's text. The corpus is RESTART_TEXTS
 * synthetic stories and copies of them up to ISSUE_STORIES (copies cost the same to read, analyse and index);
 * the term rows are written set-based, the originals' as the worker writes them, the copies' in one
 * INSERT … SELECT.
 */
async function measureRestart() {
  const database = await createBenchDatabase();
  const db = openBenchDatabase(database.url);
  try {
    const started = performance.now();
    await seedCorpus(database.url, { stories: RESTART_TEXTS, engagements: 0, members: 0 });
    const originals = await sql<StoryText & { id: string; unitSlug: string }>`
      select id, title, body, tags, unit_slug as "unitSlug" from stories`.execute(db);
    const packed = await new StoryIndexMirror(db).pack(originals.rows.map((story) => storyTermCounts(story)));
    for (let start = 0; start < originals.rows.length; start += 5_000)
      await storyTerms.upsertStoryTerms(
        db,
        originals.rows.slice(start, start + 5_000).map((story, i) => ({
          storyId: story.id,
          unitSlug: story.unitSlug,
          ...packed[start + i]!,
          deleted: false,
        })),
      );
    const copies = Math.ceil(ISSUE_STORIES / RESTART_TEXTS) - 1;
    await sql`
      insert into stories (external_id, author_id, unit_slug, title, body, tags, created_at)
      select 'bench-copy-' || c || '-' || split_part(external_id, '-', 3), author_id, unit_slug, title, body,
             tags, created_at
      from stories cross join generate_series(1, ${copies}::int) as c`.execute(db);
    await sql`
      insert into story_terms (story_id, term_ids, counts)
      select copy.id, original_terms.term_ids, original_terms.counts
      from stories copy
      join stories original on original.external_id = 'bench-story-' || split_part(copy.external_id, '-', 4)
      join story_terms original_terms on original_terms.story_id = original.id
      where copy.external_id like 'bench-copy-%'`.execute(db);
    await sql`vacuum analyze`.execute(db);
    console.log(
      `  restart corpus seeded and stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const baseline = await restartIndex(database.url, 'text');
    console.log(`  baseline restart: ${baseline.detail}`);
    const runs: IndexRestartFigures[] = [];
    for (let run = 0; run < 3; run++) runs.push(await restartIndex(database.url, 'stored'));
    const restart = runs.sort((a, b) => a.seconds - b.seconds)[1]!;
    console.log(
      `  restart from PostgreSQL: ${runs.map((run) => `${formatNumber(run.seconds)} s (${run.detail})`).join('; ')}`,
    );
    for (const figures of [baseline, restart])
      if (figures.stories !== baseline.stories || figures.stories < ISSUE_STORIES)
        throw new Error(`a restarted index holds ${figures.stories} stories, not ${ISSUE_STORIES}`);
    return { stories: restart.stories, restartSeconds: restart.seconds, baselineSeconds: baseline.seconds };
  } finally {
    await db.destroy();
    await database.drop();
  }
}

export async function run(): Promise<BenchRow[]> {
  const database = await createBenchDatabase();
  const producer = createProducerConnection(REDIS_URL, { enableOfflineQueue: true });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    LOG_LEVEL: 'silent',
    OUTBOX_DIR: path.join(tmpdir(), database.queuePrefix),
  };
  try {
    const started = performance.now();
    const storyIds = await seedCorpus(database.url, { stories: INDEX_JOBS, engagements: 0, members: 0 });
    console.log(
      `  seeded ${INDEX_JOBS.toLocaleString('en-US')} stories in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const noopRate = await drainIndexJobs(
      loadWorkerConfig({ ...env, QUEUE_PREFIX: `${database.queuePrefix}-noop` }),
      storyIds,
      true,
    );
    const config = loadWorkerConfig({ ...env, QUEUE_PREFIX: database.queuePrefix });
    const indexRate = await drainIndexJobs(config, storyIds, false);
    console.log(`  story.index: ${formatNumber(indexRate)} jobs/s, no-op: ${formatNumber(noopRate)} jobs/s`);
    const restart = await measureRestart();
    const restartSpeedup = restart.baselineSeconds / restart.restartSeconds;

    const indexRatio = indexRate / noopRate;
    printTable(
      `Jobs through BullMQ (${WORKER_PROCESSES} worker processes), worker restart`,
      ['figure', 'baseline', 'ours', 'ours/baseline', 'target', 'met'],
      [
        [
          `story.index, ${INDEX_JOBS.toLocaleString('en-US')} jobs (jobs/s)`,
          formatNumber(noopRate),
          formatNumber(indexRate),
          formatPercent(indexRatio),
          `≥ ${MIN_INDEX_RATE.toLocaleString('en-US')}/s`,
          yesNo(indexRate >= MIN_INDEX_RATE),
        ],
        [
          `restart: index from PostgreSQL, ${restart.stories.toLocaleString('en-US')} stories (s)`,
          formatNumber(restart.baselineSeconds),
          formatNumber(restart.restartSeconds),
          `${formatNumber(restartSpeedup)}× faster`,
          `≤ ${MAX_RESTART_SECONDS} s, ≥ ${MIN_RESTART_SPEEDUP}×`,
          yesNo(restart.restartSeconds <= MAX_RESTART_SECONDS && restartSpeedup >= MIN_RESTART_SPEEDUP),
        ],
      ],
      new Set([0, 4, 5]),
    );
    console.log(
      '  baselines: story.index against no-op jobs on the same queues and worker processes; restart against\n' +
        "  reading every story's text, analysing it and building the index.",
    );
    return [
      {
        name: `jobs story.index ${INDEX_JOBS} jobs`,
        value: indexRate,
        unit: 'jobs/s',
        baseline: 'BullMQ no-op jobs, same queues and worker processes',
        baselineValue: noopRate,
        ratio: indexRatio,
        target: `≥ ${MIN_INDEX_RATE} jobs/s`,
        met: indexRate >= MIN_INDEX_RATE,
      },
      {
        name: `jobs restart index from PostgreSQL ${restart.stories} stories`,
        value: restart.restartSeconds,
        unit: 's',
        baseline: "read every story's text, analyse it, build the index",
        baselineValue: restart.baselineSeconds,
        ratio: restartSpeedup,
        target: `≤ ${MAX_RESTART_SECONDS} s and ≥ ${MIN_RESTART_SPEEDUP}× faster`,
        met: restart.restartSeconds <= MAX_RESTART_SECONDS && restartSpeedup >= MIN_RESTART_SPEEDUP,
      },
    ];
  } finally {
    await removeRedisKeys(producer, database.queuePrefix);
    producer.disconnect();
    await database.drop();
  }
}
