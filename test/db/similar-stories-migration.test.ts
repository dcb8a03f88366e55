import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator, storyNeighbours } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

describe('migration 2026-12-03T0900_store_similar_stories', () => {
  it('gives every stored list the copy story.index would have written, deleted neighbours left out', async () => {
    const [finance, sales] = [makeMember({ unit: 'finance' }), makeMember({ unit: 'sales' })];
    for (const [member, title] of [
      [finance, 'Short stand-ups'],
      [sales, 'Stand-ups in ten minutes'],
      [finance, 'Stand-ups on Mondays'],
      [sales, 'Walking stand-ups'],
    ] as const)
      await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried, what worked.` });
    const [a, b, c, d] = (await t.db.selectFrom('stories').select('id').orderBy('id').execute()).map(
      (story) => story.id,
    ) as [string, string, string, string];
    await storyNeighbours.saveNeighbourLists(
      t.db,
      new Map([
        [
          a,
          [
            { id: d, similarity: 0.9 },
            { id: b, similarity: 0.5 },
            { id: c, similarity: 0.5 },
          ],
        ],
        [b, [{ id: a, similarity: 0.5 }]],
      ]),
    );
    await t.db.updateTable('stories').set({ deletedAt: new Date() }).where('id', '=', c).execute();
    await storyNeighbours.refreshSimilarStoriesHolding(t.db, [c]);
    const written = await t.db
      .selectFrom('storyNeighbours')
      .select(['storyId', 'similarStories'])
      .orderBy('storyId')
      .execute();
    expect(written[0]!.similarStories).toHaveLength(2);

    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('2026-12-02T1900_store_neighbour_lists')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const migrated = await t.db
      .selectFrom('storyNeighbours')
      .select(['storyId', 'similarStories'])
      .orderBy('storyId')
      .execute();
    expect(migrated).toEqual(written);
  });
});
