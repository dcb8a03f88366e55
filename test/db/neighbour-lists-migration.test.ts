import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();
/** The migration before the one tested. */
const BEFORE = '2026-11-24T0200_rank_story_similarities';

describe('migration 2026-12-02T1900_store_neighbour_lists', () => {
  it('turns stored links into one list per story, best first, and back', async () => {
    const member = makeMember({ unit: 'sales' });
    for (const title of ['Short stand-ups', 'Self-managed teams', 'Rolling forecasts', 'Open budgets'])
      await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried, what worked.` });
    const [a, b, c, d] = (await t.db.selectFrom('stories').select('id').orderBy('id').execute()).map(
      (story) => story.id,
    ) as [string, string, string, string];
    // The migrations' own view of the database: snake_case names, no plugins.
    const db = t.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    // Ties (b and c for a) rank by id, as the index ranks them.
    await sql`
        insert into story_similarities (story_id, similar_id, similarity) values
          (${a}, ${c}, 0.5), (${a}, ${d}, 0.9), (${a}, ${b}, 0.5), (${b}, ${a}, 0.5)`.execute(db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const lists = await db
      .selectFrom('story_neighbours')
      .select(['story_id', 'similar_ids', 'similarities'])
      .orderBy('story_id')
      .execute();
    expect(lists).toEqual([
      { story_id: a, similar_ids: [d, b, c], similarities: [0.9, 0.5, 0.5] },
      { story_id: b, similar_ids: [a], similarities: [0.5] },
    ]);
    const detail = await t.as(member).get(`/v1/stories/${a}`);
    expect(detail.body.similar.map((similar: { id: string }) => similar.id)).toEqual([d, b, c]);

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    const links = await db
      .selectFrom('story_similarities')
      .select(['story_id', 'similar_id', 'similarity'])
      .orderBy('story_id')
      .orderBy('similarity', 'desc')
      .orderBy('similar_id')
      .execute();
    expect(links).toEqual([
      { story_id: a, similar_id: d, similarity: 0.9 },
      { story_id: a, similar_id: b, similarity: 0.5 },
      { story_id: a, similar_id: c, similarity: 0.5 },
      { story_id: b, similar_id: a, similarity: 0.5 },
    ]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
