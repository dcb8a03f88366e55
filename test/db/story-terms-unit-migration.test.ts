import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness({ worker: true });
/** The migration before the one tested. */
const BEFORE = '2026-12-04T1000_keep_units_apart_from_facts';

describe('migration 2026-12-04T1200_drop_story_terms_unit', () => {
  it('drops the unit no one read from the stored term vectors, and gives it back from the stories', async () => {
    for (const unit of ['sales', 'finance'])
      await t.as(makeMember({ unit })).post('/v1/stories', { title: `From ${unit}`, body: 'What we tried.' });
    await t.drain();
    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    const units = async () =>
      (
        await sql<{ title: string; unit_slug: string }>`
          select title, story_terms.unit_slug from story_terms join stories on stories.id = story_terms.story_id
          order by title`.execute(db)
      ).rows;

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await units()).toEqual([
      { title: 'From finance', unit_slug: 'finance' },
      { title: 'From sales', unit_slug: 'sales' },
    ]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await expect(units()).rejects.toThrow(/unit_slug/);
  });
});
