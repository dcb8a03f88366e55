import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deleteStory, loadAmplificationSpread } from '@kf/db';
import { makeMember, saveNeighbourList, useHarness } from '@kf/testing';

const t = useHarness();

describe('loadAmplificationSpread', () => {
  it("takes the amplified story's practice to the treated side, and none once the story is deleted", async () => {
    const member = makeMember({ unit: 'sales' });
    const post = async (title: string) =>
      (await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried.` })).body.id as string;
    const [amplified, samePractice, neighbour] = [
      await post('Told'),
      await post('Retold'),
      await post('Near'),
    ];
    const { rows } = await sql<{ id: string }>`
      insert into practices (label, first_seen_at) values ('Stand-ups', now()) returning id`.execute(t.db);
    await t.db
      .updateTable('stories')
      .set({ practiceId: rows[0]!.id })
      .where('id', 'in', [amplified, samePractice])
      .execute();
    // A neighbour outside the practice is the control group, so the practice's other story is treated.
    await saveNeighbourList(t.db, amplified, [[neighbour, 0.5]]);
    const spreadOf = () =>
      loadAmplificationSpread(t.db, { storyId: amplified, amplifiedAt: new Date() }, new Date(), 'week');

    expect((await spreadOf()).practiceStoryIds).toEqual([samePractice]);
    await deleteStory(t.db, amplified, new Date());
    expect((await spreadOf()).practiceStoryIds).toEqual([]);
  });
});
