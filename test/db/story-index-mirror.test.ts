import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StoryIndexMirror, storyTerms } from '@kf/db';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

/** Stories posted in one unit, oldest first (their term rows are written here, not by a worker). */
async function postStories(titles: string[]) {
  const member = makeMember({ unit: 'sales' });
  for (const title of titles)
    await t.as(member).post('/v1/stories', { title, body: `${title}: what we tried, what worked.` });
  return t.db.selectFrom('stories').select(['id']).orderBy('createdAt').execute();
}

describe('an index mirror starting', () => {
  it('undoes a first load that fails part-way, so the next sync starts from what is stored then', async () => {
    const [kept, deleted, broken] = (await postStories([
      'Short stand-ups',
      'Walking one-to-ones',
      'Quiet Fridays',
    ]))!;
    const writer = new StoryIndexMirror(t.db);
    const [standups, walks, fridays] = await writer.pack([
      new Map([['standup', 2]]),
      new Map([['walk', 1]]),
      new Map([['friday', 1]]),
    ]);
    // Stored in this order, so the COPY streams the two good rows before the broken one: a term id that is
    // in no dictionary.
    const row = (story: typeof kept, packed: typeof standups) => ({
      storyId: story!.id,
      ...packed!,
      deleted: false,
    });
    await storyTerms.upsertStoryTerms(t.db, [row(kept, standups), row(deleted, walks)]);
    await storyTerms.upsertStoryTerms(t.db, [
      row(broken, { termIds: Buffer.from([0, 0x0f, 0x42, 0x3f]), counts: Buffer.from([0, 1]) }),
    ]);

    const reader = new StoryIndexMirror(t.db);
    await expect(reader.sync()).rejects.toThrow(RangeError);
    expect(reader.index.size).toBe(0);
    expect([...reader.index.ids()]).toEqual([]);

    await storyTerms.upsertStoryTerms(t.db, [
      { ...row(deleted, walks), termIds: Buffer.alloc(0), counts: Buffer.alloc(0), deleted: true },
      row(broken, fridays),
    ]);
    await reader.sync();
    expect([kept, deleted, broken].map((story) => reader.index.has(story!.id))).toEqual([true, false, true]);
    expect([...reader.index.ids()].sort()).toEqual([kept!.id, broken!.id].sort());
    expect(reader.index.vector(broken!.id).map((weighted) => weighted.term)).toEqual(['friday']);
  });

  it('sizes its first load from the planner statistics of the stored terms', async () => {
    const stories = (await postStories(['Short stand-ups', 'Walking one-to-ones', 'Quiet Fridays'])).slice(
      -3,
    );
    const packed = await new StoryIndexMirror(t.db).pack([
      new Map([
        ['standup', 2],
        ['short', 1],
      ]),
      new Map([['walk', 1]]),
      new Map([['friday', 1]]),
    ]);
    await storyTerms.upsertStoryTerms(
      t.db,
      stories.map((story, i) => ({
        storyId: story.id,
        ...packed[i]!,
        deleted: false,
      })),
    );
    await sql`analyze story_terms`.execute(t.db);
    const { rows } = await sql<{ rows: number; terms: number }>`
      select count(*)::int as rows, sum(octet_length(term_ids))::int / 4 as terms from story_terms`.execute(
      t.db,
    );
    // Uncompressed rows all sampled: each row's width also counts its length header, so a little over.
    const estimate = await storyTerms.estimateStoredTerms(t.db);
    expect(estimate).toBeGreaterThanOrEqual(rows[0]!.terms);
    expect(estimate).toBeLessThan(rows[0]!.terms + rows[0]!.rows);
    // So sized, a start-up reserves its memory at once, the postings' room too: all of it is loaded.
    const mirror = new StoryIndexMirror(t.db);
    await mirror.sync();
    expect(stories.map((story) => mirror.index.vector(story.id).map(({ term }) => term))).toEqual([
      ['standup', 'short'],
      ['walk'],
      ['friday'],
    ]);
  });
});
