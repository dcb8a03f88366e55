import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storyNeighbours } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

const postStory = async (unit: string, title: string) =>
  (
    await t
      .as(makeMember({ unit }))
      .post('/v1/stories', { title, body: `${title}: what we tried, what worked.` })
  ).body.id as string;

const rowVersions = async () =>
  (
    await sql<{ storyId: string; version: string }>`
      select story_id as "storyId", xmin::text as version from story_neighbours order by story_id`.execute(
      t.db,
    )
  ).rows;

describe('stored neighbour lists', () => {
  it("write each page's copy as a rewrite after an edit would build it: live neighbours in order, units compared", async () => {
    const owner = await postStory('finance', 'Rolling forecasts');
    const across = await postStory('sales', 'Forecasts "à la carte", in sales');
    const gone = await postStory('sales', 'Forecasts we stopped');
    const near = await postStory('finance', 'Forecasts every month');
    await t.db.updateTable('stories').set({ deletedAt: new Date() }).where('id', '=', gone).execute();
    const similarities = [0.1 + 0.2, 1 / 3, 0.25];

    await storyNeighbours.saveNeighbourLists(
      t.db,
      new Map([
        [
          owner,
          [
            { id: across, similarity: similarities[0]! },
            { id: gone, similarity: similarities[1]! },
            { id: near, similarity: similarities[2]! },
          ],
        ],
        [near, [{ id: owner, similarity: 0.25 }]],
        // A story that does not exist (any more) gets no list.
        [randomUUID(), [{ id: owner, similarity: 0.5 }]],
      ]),
    );
    const stored = await t.db
      .selectFrom('storyNeighbours')
      .select(['storyId', 'similarIds', 'similarStories'])
      .where('storyId', '=', owner)
      .executeTakeFirstOrThrow();
    expect(stored.similarIds).toEqual([across, gone, near]);
    expect(stored.similarStories).toEqual([
      {
        id: across,
        title: 'Forecasts "à la carte", in sales',
        unit: 'sales',
        otherUnit: true,
        similarity: similarities[0],
      },
      {
        id: near,
        title: 'Forecasts every month',
        unit: 'finance',
        otherUnit: false,
        similarity: similarities[2],
      },
    ]);
    expect((await rowVersions()).map((row) => row.storyId).sort()).toEqual([owner, near].sort());

    // Rebuilding the same copies, as after an edit or in a full pass's mending, finds nothing to rewrite.
    const written = await rowVersions();
    await storyNeighbours.refreshSimilarStoriesOf(t.db, [owner, near]);
    await storyNeighbours.refreshSimilarStoriesHolding(t.db, [owner, across, gone, near]);
    expect(await rowVersions()).toEqual(written);
  });
});
