import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { makeMember, saveNeighbourList, useHarness } from '@kf/testing';

const t = useHarness();
/** The migration before the one tested. */
const BEFORE = '2026-12-03T1400_counters_beside_scores';

async function hasDeletedStoriesIndex(db: Kysely<any>) {
  const { rows } = await sql`select from pg_indexes where indexname = 'stories_deleted_id_idx'`.execute(db);
  return rows.length === 1;
}

describe('migration 2026-12-03T1600_drop_deleted_neighbours_from_pages', () => {
  it('takes neighbours deleted before it out of the stored page copies, then drops the index; and back', async () => {
    const member = makeMember({ unit: 'sales' });
    const post = async (title: string) =>
      (await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried.` })).body.id as string;
    const [page, kept, gone] = [await post('Page'), await post('Kept'), await post('Gone')];
    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    await saveNeighbourList(t.db, page, [
      [gone, 0.9],
      [kept, 0.5],
    ]);
    // Deleted as before this migration: the page copy still holds it until story.index rewrites the list.
    await sql`update stories set deleted_at = now() where id = ${gone}`.execute(db);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const similar = (await t.as(member).get(`/v1/stories/${page}`)).body.similar;
    expect(similar.map((story: { id: string }) => story.id)).toEqual([kept]);
    expect(await hasDeletedStoriesIndex(db)).toBe(false);

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await hasDeletedStoriesIndex(db)).toBe(true);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
