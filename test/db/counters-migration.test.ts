import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();
/** The migration before the one tested. */
const BEFORE = '2026-12-03T1100_room_for_in_place_updates';
const COUNTERS = [
  'view_count',
  'reaction_count',
  'share_count',
  'comment_count',
  'adoption_count',
  'unit_count',
];

/** The counter columns a table has. */
async function counterColumns(db: Kysely<any>, table: string) {
  const { rows } = await sql<{ column: string }>`
    select column_name as column from information_schema.columns
    where table_name = ${table} and column_name = any(${COUNTERS}) order by ordinal_position`.execute(db);
  return rows.map((row) => row.column);
}

describe('migration 2026-12-03T1400_counters_beside_scores', () => {
  it('moves the counters from stories to their score rows, and back', async () => {
    const member = makeMember({ unit: 'sales' });
    for (const title of ['Scored', 'Never scored'])
      await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried.` });
    const ids = await t.db.selectFrom('stories').select(['id', 'title']).orderBy('title', 'desc').execute();
    const [scored, unscored] = ids.map((story) => story.id) as [string, string];
    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await counterColumns(db, 'story_scores')).toEqual([]);
    await sql`update stories set view_count = 7, reaction_count = 3, share_count = 2, comment_count = 1,
                                 adoption_count = 1, unit_count = 4 where id = ${scored}`.execute(db);
    await sql`update stories set view_count = 5 where id = ${unscored}`.execute(db);
    await sql`insert into story_scores (story_id, engagement, spread, hot, flagged, scored_at)
              values (${scored}, 1, 1, 1, false, now())`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await counterColumns(db, 'stories')).toEqual([]);
    expect(await counterColumns(db, 'story_scores')).toEqual(COUNTERS);
    const page = async (id: string) => (await t.as(member).get(`/v1/stories/${id}`)).body.counts;
    expect(await page(scored)).toEqual({
      views: 7,
      reactions: 3,
      shares: 2,
      comments: 1,
      adoptions: 1,
      units: 4,
    });
    // No score row to hold them: zeros until the next refresh scores it (its events are all still there).
    expect(await page(unscored)).toEqual({
      views: 0,
      reactions: 0,
      shares: 0,
      comments: 0,
      adoptions: 0,
      units: 0,
    });

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    const { rows } = await sql<{ id: string; view_count: number; unit_count: number }>`
      select id, view_count, unit_count from stories order by title desc`.execute(db);
    expect(rows).toEqual([
      { id: scored, view_count: 7, unit_count: 4 },
      { id: unscored, view_count: 0, unit_count: 0 },
    ]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
