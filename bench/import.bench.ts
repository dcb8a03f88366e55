/**
 * Bulk import (`importLines`, behind `pnpm import` and POST /v1/admin/import): N engagement NDJSON lines
 * (BENCH_IMPORT_LINES, default 1,000,000 as in the issue) over a few hundred stories, read from a generator
 * one line at a time, as a file stream would hand them over.
 *
 * Baseline: PostgreSQL `COPY engagements FROM STDIN` (pg-copy-streams) of the same rows: the lines parsed
 * with JSON.parse, resolved to story ids, the repeats our import skips dropped beforehand (COPY cannot skip a
 * conflict), streamed in 64 KB chunks. No validation, no members, no per-line reporting. Both run on the
 * same database, the engagements emptied in between.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { importLines } from '@kf/db';
import { BENCH_UNITS, createBenchDatabase, openBenchDatabase } from './bench-infrastructure.js';
import { type BenchRow, formatNumber, formatPercent, printTable, sampleRss, yesNo } from './harness.js';

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

/** The COPY baseline; returns the rows copied. */
async function copyRows(url: string, lines: Iterable<string>): Promise<number> {
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
    function* chunks(): Generator<string> {
      const once = new Set<string>();
      let chunk = '';
      for (const line of lines) {
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
        chunk += `${[row.externalId, storyId, row.member.sub, row.member.unit, row.kind, dedupeKey, 'f', row.occurredAt].map(copyValue).join('\t')}\n`;
        if (chunk.length >= COPY_CHUNK_CHARS) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(
      Readable.from(chunks()),
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
  const now = Date.now();
  try {
    // Untimed: the stories and, for the baseline, every member (the import creates those it meets).
    const stories = await importLines(db, asAsync(storyLines(now)), { now: new Date(now) });
    if (stories.imported !== STORIES) throw new Error(`expected ${STORIES} stories, got ${stories.imported}`);
    await sql`
      insert into members (id, name, unit_slug)
      select 'importer-' || n, 'Importer ' || n, (${BENCH_UNITS}::text[])[1 + n % ${BENCH_UNITS.length}::int]
      from generate_series(0, ${MEMBERS - 1}::int) as n`.execute(db);

    let rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    let started = performance.now();
    let rss = sampleRss();
    const baselineRows = await copyRows(database.url, engagementLines(LINES, now));
    const baselineSeconds = (performance.now() - started) / 1000;
    const baselineGrowthMb = rss.stop() / 2 ** 20 - rssBeforeMb;

    await sql`truncate engagements`.execute(db);
    await sql`delete from members where id like 'importer-%'`.execute(db);
    await sql`vacuum analyze engagements`.execute(db);

    rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
    started = performance.now();
    rss = sampleRss();
    const result = await importLines(db, asAsync(engagementLines(LINES, now)), { now: new Date(now) });
    const oursSeconds = (performance.now() - started) / 1000;
    const oursPeakMb = rss.stop() / 2 ** 20;
    // What the import itself holds: this process carries the earlier benchmarks' heap, which V8 keeps.
    const oursGrowthMb = oursPeakMb - rssBeforeMb;
    const rows = Number(
      (await sql<{ n: number }>`select count(*) as n from engagements`.execute(db)).rows[0]!.n,
    );
    console.log(
      `  ours: ${result.imported} imported, ${result.skipped} skipped, ${result.errors.length} errors, ` +
        `${rows} rows; baseline: ${baselineRows} rows`,
    );
    if (result.errors.length) throw new Error(`import errors: ${JSON.stringify(result.errors.slice(0, 3))}`);

    const baselineRate = LINES / baselineSeconds;
    const oursRate = LINES / oursSeconds;
    const ratio = oursRate / baselineRate;
    const rateMet = ratio >= MIN_RATIO;
    const rssMet = oursGrowthMb <= MAX_RSS_MB;
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
        [
          'peak RSS growth MB',
          formatNumber(baselineGrowthMb),
          formatNumber(oursGrowthMb),
          '',
          `≤ ${MAX_RSS_MB} MB`,
          yesNo(rssMet),
        ],
      ],
      new Set([0, 4, 5]),
    );
    console.log(
      '  RSS sampled every 100 ms; growth = peak − RSS when the run began (this process carries the earlier ' +
        `benchmarks' heap: ${formatNumber(rssBeforeMb)} MB before our import, peak ${formatNumber(oursPeakMb)} MB).`,
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
        name: `import ${LINES} engagement lines peak RSS growth`,
        value: oursGrowthMb,
        unit: 'MB',
        baseline: baselineName,
        baselineValue: baselineGrowthMb,
        ratio: null,
        target: `≤ ${MAX_RSS_MB} MB`,
        met: rssMet,
      },
    ];
  } finally {
    await db.destroy();
    await database.drop();
  }
}
