/**
 * Bulk import as a user runs it: `pnpm run import FILE` (scripts/import.ts, the same import as POST
 * /v1/admin/import) in a process of its own, on a file of N engagement NDJSON lines (BENCH_IMPORT_LINES,
 * default 1,000,000 as in the issue) over a few hundred stories. Timed from spawn to exit (Node and tsx start-up
 * included); its peak RSS is the process's own high-water mark (VmHWM), which a figure sampled in this process,
 * carrying the earlier benchmarks' heap, could not give.
 *
 * Baseline: PostgreSQL `COPY engagements FROM STDIN` (pg-copy-streams) of the same file, in this process: the
 * lines parsed with JSON.parse, resolved to story ids, the repeats our import skips dropped beforehand (COPY
 * cannot skip a conflict), streamed in 64 KB chunks. No validation, no members, no per-line reporting. Both run
 * on the same database, the engagements emptied in between.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { importLines } from '@kf/db';
import { createProducerConnection } from '@kf/jobs';
import { childOutput } from '@kf/testing';
import {
  BENCH_UNITS,
  createBenchDatabase,
  openBenchDatabase,
  REDIS_URL,
  removeRedisKeys,
} from './bench-infrastructure.js';
import {
  type BenchRow,
  formatNumber,
  formatPercent,
  packageScript,
  printTable,
  REPOSITORY_ROOT,
  yesNo,
} from './harness.js';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const STORIES = 300;
const MEMBERS = 5_000;
const COPY_CHUNK_CHARS = 64 * 1024;
const MIN_RATIO = 0.3;
const MAX_RSS_MB = 300;
const DAY_MS = 86_400_000;

/** Lines between two repeats of a (member, story) pair: lcm(5,000, 300). */
const PAIR_PERIOD = 15_000;
/** Each repeat of a pair on another day, so views count (unique up to 60 × 15,000 = 900k lines). */
const at = (i: number, now: number) =>
  new Date(now - (1 + (Math.floor(i / PAIR_PERIOD) % 60)) * DAY_MS - (i % 3_600) * 1_000).toISOString();

function member(i: number) {
  const n = i % MEMBERS;
  return { sub: `importer-${n}`, name: `Importer ${n}`, unit: BENCH_UNITS[n % BENCH_UNITS.length]! };
}

function* storyLines(now: number): Generator<string> {
  for (let i = 0; i < STORIES; i++) {
    yield JSON.stringify({
      type: 'story',
      externalId: `import-story-${i}`,
      occurredAt: new Date(now - 30 * DAY_MS).toISOString(),
      member: { sub: `import-author-${i % 50}`, unit: BENCH_UNITS[i % BENCH_UNITS.length] },
      title: `Imported practice ${i}`,
      body: `How unit ${i % 8} runs its weekly planning, told for the import benchmark.`,
      tags: ['planning'],
    });
  }
}

/**
 * Engagement i: member i mod 5,000 on story i mod 300 (pairs repeat every 15,000 lines, on another day),
 * 90 % views, 7 % reactions, 3 % shares; a reaction or share repeated by the same member is skipped.
 */
function* engagementLines(count: number, now: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    const roll = i % 100;
    yield JSON.stringify({
      type: 'engagement',
      externalId: `import-engagement-${i}`,
      occurredAt: at(i, now),
      member: member(i),
      story: `import-story-${i % STORIES}`,
      kind: roll < 90 ? 'view' : roll < 97 ? 'reaction' : 'share',
    });
  }
}

async function* asAsync(lines: Iterable<string>): AsyncGenerator<string> {
  for (const line of lines) yield line;
}

/** Lines joined, newline-terminated, into chunks of about COPY_CHUNK_CHARS (one stream write each). */
async function* inChunks(lines: Iterable<string> | AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Writes the lines as an NDJSON file (untimed). */
async function writeLines(file: string, lines: Iterable<string>) {
  await pipeline(Readable.from(inChunks(lines)), createWriteStream(file));
}

const readLines = (file: string) => createInterface({ input: createReadStream(file), crlfDelay: Infinity });

const PEAK_RSS_MARK = 'peak-rss-kb ';
/**
 * A module preloaded into the import process: prints its peak RSS (kilobytes) as it exits. Linux's VmHWM, not
 * getrusage's maxRSS: Linux carries maxRSS over an exec, so a child started by a large parent reports the
 * parent's peak (a 542 MB parent: 504 MB for a child whose own peak was 40 MB).
 */
const PRINT_PEAK_RSS_ON_EXIT = `data:text/javascript,${encodeURIComponent(
  `import { readFileSync } from 'node:fs';
   process.on('exit', () => {
     const kb = /VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1];
     process.stderr.write('\\n${PEAK_RSS_MARK}' + kb + '\\n');
   });`,
)}`;

/** The `import` script of package.json ("node <flags> scripts/import.ts"), split into its words. */
const IMPORT_COMMAND = packageScript('import').command;

/**
 * Runs the `import` script as `pnpm run import FILE` does, without pnpm's own process (its Node process would
 * report its own peak), with the peak-RSS module preloaded; returns the summary on stdout and the peak RSS
 * in bytes.
 */
async function runImportCommand(file: string, env: Record<string, string>) {
  const [node, ...args] = IMPORT_COMMAND;
  if (node !== 'node')
    throw new Error(`the import script does not start with node: ${IMPORT_COMMAND.join(' ')}`);
  const child = spawn(process.execPath, ['--import', PRINT_PEAK_RSS_ON_EXIT, ...args, file], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await childOutput(child);
  const peakRssKb = Number(stderr.split(PEAK_RSS_MARK).at(-1)?.trim());
  if (code !== 0 || !peakRssKb) throw new Error(`pnpm run import exited ${code}: ${stderr.slice(-2_000)}`);
  return {
    summary: JSON.parse(stdout) as { imported: number; skipped: number; errors: unknown[] },
    peakRssBytes: peakRssKb * 1024,
  };
}

// pg is a dependency of the db package, not of the workspace root: resolved from there.
const pg = createRequire(new URL('../packages/db/package.json', import.meta.url))('pg') as {
  Client: new (options: { connectionString: string }) => {
    connect(): Promise<void>;
    query(text: string): Promise<{ rows: Record<string, string>[] }>;
    query<T>(stream: T): T;
    end(): Promise<void>;
  };
};

/** A value in COPY's text format. */
const copyValue = (value: string) =>
  value.replace(/[\\\t\n\r]/g, (c) => `\\${{ '\t': 't', '\n': 'n', '\r': 'r' }[c] ?? c}`);

/** The COPY baseline over the file's lines; returns the rows copied. */
async function copyRows(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const storyIds = new Map(
      (await client.query('select id, external_id from stories')).rows.map((row) => [
        row.external_id,
        row.id,
      ]),
    );
    let copied = 0;
    async function* rows(): AsyncGenerator<string> {
      const once = new Set<string>();
      // Opened where it is read: readline emits lines as soon as the file flows, and drops those emitted
      // before an iterator listens.
      for await (const line of readLines(file)) {
        const row = JSON.parse(line) as {
          externalId: string;
          story: string;
          member: { sub: string; unit: string };
          kind: string;
          occurredAt: string;
        };
        const storyId = storyIds.get(row.story)!;
        const dedupeKey = row.kind === 'view' ? `view:${row.occurredAt.slice(0, 10)}` : row.kind;
        const key = `${storyId} ${row.member.sub} ${dedupeKey}`;
        if (once.has(key)) continue;
        once.add(key);
        copied++;
        yield [
          row.externalId,
          storyId,
          row.member.sub,
          row.member.unit,
          row.kind,
          dedupeKey,
          'f',
          row.occurredAt,
        ]
          .map(copyValue)
          .join('\t');
      }
    }
    await pipeline(
      Readable.from(inChunks(rows())),
      client.query(
        copyFrom(
          'copy engagements (external_id, story_id, member_id, unit_slug, kind, dedupe_key, by_author, created_at) from stdin',
        ),
      ),
    );
    return copied;
  } finally {
    await client.end();
  }
}

export async function run(): Promise<BenchRow[]> {
  const database = await createBenchDatabase();
  const db = openBenchDatabase(database.url, 10);
  const redis = createProducerConnection(REDIS_URL);
  const file = join(tmpdir(), `${database.name}-engagements.ndjson`);
  const now = Date.now();
  try {
    // Untimed: the stories, the file and, for the baseline, every member (the import creates those it meets).
    const stories = await importLines(db, asAsync(storyLines(now)), { now: new Date(now) });
    if (stories.imported !== STORIES) throw new Error(`expected ${STORIES} stories, got ${stories.imported}`);
    await writeLines(file, engagementLines(LINES, now));
    await sql`
      insert into members (id, name, unit_slug)
      select 'importer-' || n, 'Importer ' || n, (${BENCH_UNITS}::text[])[1 + n % ${BENCH_UNITS.length}::int]
      from generate_series(0, ${MEMBERS - 1}::int) as n`.execute(db);

    let started = performance.now();
    const baselineRows = await copyRows(database.url, file);
    const baselineSeconds = (performance.now() - started) / 1000;

    await sql`truncate engagements`.execute(db);
    await sql`delete from members where id like 'importer-%'`.execute(db);
    await sql`vacuum analyze engagements`.execute(db);

    started = performance.now();
    const { summary, peakRssBytes } = await runImportCommand(file, {
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: database.queuePrefix,
    });
    const oursSeconds = (performance.now() - started) / 1000;
    const oursPeakMb = peakRssBytes / 2 ** 20;
    const rows = Number(
      (await sql<{ n: number }>`select count(*) as n from engagements`.execute(db)).rows[0]!.n,
    );
    console.log(
      `  ours: ${summary.imported} imported, ${summary.skipped} skipped, ${summary.errors.length} errors, ` +
        `${rows} rows; baseline: ${baselineRows} rows`,
    );
    if (summary.errors.length)
      throw new Error(`import errors: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    if (rows !== baselineRows) throw new Error(`imported ${rows} rows, COPY ${baselineRows}`);

    const baselineRate = LINES / baselineSeconds;
    const oursRate = LINES / oursSeconds;
    const ratio = oursRate / baselineRate;
    const rateMet = ratio >= MIN_RATIO;
    const rssMet = oursPeakMb <= MAX_RSS_MB;
    printTable(
      `Bulk import of ${LINES.toLocaleString('en-US')} engagement lines vs COPY FROM STDIN of the same rows`,
      ['figure', 'baseline', 'ours', 'ours/baseline', 'target', 'met'],
      [
        [
          'lines/s',
          formatNumber(baselineRate),
          formatNumber(oursRate),
          formatPercent(ratio),
          `≥ ${formatPercent(MIN_RATIO)}`,
          yesNo(rateMet),
        ],
        ['peak RSS MB', '', formatNumber(oursPeakMb), '', `≤ ${MAX_RSS_MB} MB`, yesNo(rssMet)],
      ],
      new Set([0, 4, 5]),
    );
    console.log(
      '  ours: `pnpm run import FILE` in a process of its own, timed from spawn to exit; peak RSS is that whole ' +
        'process (Node, tsx and the import): its VmHWM.',
    );
    const baselineName = 'COPY engagements FROM STDIN (pg-copy-streams)';
    return [
      {
        name: `import ${LINES} engagement lines`,
        value: oursRate,
        unit: 'lines/s',
        baseline: baselineName,
        baselineValue: baselineRate,
        ratio,
        target: `≥ ${formatPercent(MIN_RATIO)}`,
        met: rateMet,
      },
      {
        name: `import ${LINES} engagement lines peak RSS`,
        value: oursPeakMb,
        unit: 'MB',
        baseline: 'none',
        baselineValue: null,
        ratio: null,
        target: `≤ ${MAX_RSS_MB} MB`,
        met: rssMet,
      },
    ];
  } finally {
    await rm(file, { force: true });
    await removeRedisKeys(redis, database.queuePrefix);
    redis.disconnect();
    await db.destroy();
    await database.drop();
  }
}
