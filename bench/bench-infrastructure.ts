/**
 * What the database-backed benchmarks share: a fresh migrated database and a queue prefix of their own (never
 * another database or another run's keys), dropped again at the end, and seeding helpers.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDatabase, type Database, migrateToLatest } from '@kf/db';
import type { createProducerConnection } from '@kf/jobs';
import { databaseUrl, dropDatabases } from '@kf/testing';
import { generateStories } from './synthetic-stories.js';

/** The local defaults of the README; DATABASE_URL / REDIS_URL point the benchmarks elsewhere. */
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchDatabase {
  name: string;
  url: string;
  queuePrefix: string;
  drop(): Promise<void>;
}

/** A new database kf_bench_<random>, migrated to the latest schema, and a matching BullMQ prefix. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `kf_bench_${suffix}`;
  const url = databaseUrl(SERVER_URL, name);
  await migrateToLatest(url);
  return { name, url, queuePrefix: `kf-bench-${suffix}`, drop: () => dropDatabases(SERVER_URL, [name]) };
}

type Redis = ReturnType<typeof createProducerConnection>;

/** A small pool on the bench database, for seeding and counting. */
export function openBenchDatabase(url: string, poolSize = 4): Database {
  return createDatabase({ url, poolSize, applicationName: 'kf-bench' });
}

/** Deletes every Redis key under the prefix (the queues' jobs, rate-limit counters). */
export async function removeRedisKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

export const BENCH_UNITS = [
  'finance',
  'operations',
  'sales',
  'engineering',
  'hr',
  'logistics',
  'legal',
  'it',
];

export interface SeedOptions {
  stories: number;
  engagements: number;
  /** Members other than the authors who engage. */
  members: number;
  /** Authors, a few stories each. */
  authors?: number;
}

/** The bench units, and `author-0…` and `member-0…`, spread over them. */
export async function seedUnitsAndMembers(db: Database, authors: number, members: number) {
  const units = sql`${BENCH_UNITS}::text[]`;
  await sql`insert into business_units (slug, name) select u, initcap(u) from unnest(${units}) as u`.execute(
    db,
  );
  await sql`
    insert into members (id, name, unit_slug, roles)
    select prefix || i, 'Bench ' || prefix || i, (${units})[1 + i % array_length(${units}, 1)], '{member}'
    from (values ('author-', ${authors}::int), ('member-', ${members}::int)) as kinds(prefix, n),
         generate_series(0, n - 1) as i`.execute(db);
}

/**
 * Units, members and stories (synthetic text, so indexing has real work), then engagements spread over the
 * last ten days, all in set-based SQL; returns the story ids in creation order.
 */
export async function seedCorpus(url: string, options: SeedOptions): Promise<string[]> {
  const db = openBenchDatabase(url);
  try {
    const authors = options.authors ?? Math.max(1, Math.ceil(options.stories / 20));
    await seedUnitsAndMembers(db, authors, options.members);
    const ids: string[] = [];
    const batch = 2_000;
    for (let start = 0; start < options.stories; start += batch) {
      const stories = generateStories(Math.min(batch, options.stories - start), 1_000 + start);
      const inserted = await sql<{ id: string }>`
        insert into stories (external_id, author_id, unit_slug, title, body, tags, created_at)
        select 'bench-story-' || (${start}::int + ord - 1), a, m.unit_slug, t, b,
               array(select json_array_elements_text(g)), now() - interval '20 days' + ord * interval '1 second'
        from unnest(${stories.map((_, i) => `author-${(start + i) % authors}`)}::text[],
                    ${stories.map((story) => story.title)}::text[],
                    ${stories.map((story) => story.body)}::text[],
                    ${stories.map((story) => JSON.stringify(story.tags))}::json[]) with ordinality as s(a, t, b, g, ord)
        join members m on m.id = s.a
        order by ord
        returning id`.execute(db);
      ids.push(...inserted.rows.map((row) => row.id));
    }
    if (options.engagements > 0) {
      const units = sql`${BENCH_UNITS}::text[]`;
      // Engagement i: member i mod M on story i mod S (a pair repeats only after lcm(M, S) events), on one of
      // ten days, mostly views; the rare repeats are skipped by the counting rule, as the API would.
      await sql`
        with s as (select id, row_number() over (order by created_at) - 1 as n from stories)
        insert into engagements (story_id, member_id, unit_slug, kind, dedupe_key, by_author, created_at)
        select s.id, 'member-' || (i % ${options.members}::int),
               (${units})[1 + (i % ${options.members}::int) % array_length(${units}, 1)], e.kind,
               case when e.kind = 'view' then 'view:' || to_char(e.at at time zone 'UTC', 'YYYY-MM-DD') else e.kind end,
               false, e.at
        from generate_series(0, ${options.engagements}::int - 1) as i
        join s on s.n = i % ${ids.length}::int
        cross join lateral (
          select case when i % 10 < 8 then 'view' when i % 10 < 9 then 'reaction' else 'share' end as kind,
                 now() - (i % 10) * interval '1 day' - (i % 997) * interval '1 minute' as at
        ) as e
        on conflict do nothing`.execute(db);
    }
    await sql`analyze`.execute(db);
    return ids;
  } finally {
    await db.destroy();
  }
}
