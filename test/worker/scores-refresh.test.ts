import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storyScores } from '@kf/db';
import { createProcessors } from '@kf/worker';
import { makeMember, makeMembers, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();

/** 20 members of 5 units viewing and reacting, 6 of them adopting: well over the hot-spot threshold. */
async function makeHot(storyId: string) {
  const members = ['finance', 'sales', 'operations', 'hr', 'legal'].flatMap((unit) =>
    makeMembers(4, { unit }),
  );
  for (const member of members) {
    await t.as(member).post(`/v1/stories/${storyId}/engagements`, { kind: 'view' });
    await t.as(member).post(`/v1/stories/${storyId}/engagements`, { kind: 'reaction' });
  }
  for (const member of members.slice(0, 6)) await t.as(member).post(`/v1/stories/${storyId}/adoptions`, {});
}

async function postStory(author: TestMember, title: string) {
  const { body } = await t.as(author).post('/v1/stories', { title, body: 'What we tried.' });
  return body.id as string;
}

/** Everything scoring stores, but when it ran. */
function storedScores() {
  return t.db
    .selectFrom('storyScores')
    .select([
      'storyScores.storyId',
      'storyScores.engagement',
      'storyScores.spread',
      'storyScores.hot',
      'storyScores.flagged',
      'storyScores.flaggedSince',
      'storyScores.reasons',
      'storyScores.units',
      'storyScores.facts',
      'storyScores.viewCount',
      'storyScores.reactionCount',
      'storyScores.adoptionCount',
      'storyScores.unitCount',
    ])
    .orderBy('storyScores.storyId')
    .execute();
}

/** Each stories and story_scores row's version (xmin): it changes whenever the row is rewritten. */
async function rowVersions() {
  const { rows } = await sql<{ id: string; version: string }>`
    select id::text, xmin::text as version from stories
    union all select 'score ' || story_id, xmin::text from story_scores
    order by 1`.execute(t.db);
  return rows;
}

describe('scores.refresh', () => {
  it('stores what scoring each story one by one stores, author cap included, and changes nothing when run again', async () => {
    // One author with three hot stories (the cap is two), another with one, and a quiet story.
    const prolific = makeMember({ unit: 'it' });
    const other = makeMember({ unit: 'it' });
    const hot = [
      await postStory(prolific, 'Walking one-on-ones'),
      await postStory(prolific, 'Walking one-on-ones, again'),
      await postStory(prolific, 'Walking one-on-ones, once more'),
      await postStory(other, 'Blameless retros'),
    ];
    const quiet = await postStory(other, 'Quiet');
    for (const storyId of hot) await makeHot(storyId);
    await t.as(makeMember({ unit: 'sales' })).post(`/v1/stories/${quiet}/engagements`, { kind: 'view' });
    t.clock.set(new Date());
    const processors = createProcessors(await t.workerDeps());

    await processors['scores.refresh']({ full: true }, undefined as never);
    const refreshed = await storedScores();
    expect(refreshed).toHaveLength(5);
    const prolificFlags = refreshed.filter((row) => hot.slice(0, 3).includes(row.storyId));
    expect(prolificFlags.filter((row) => row.flagged)).toHaveLength(2);
    expect(prolificFlags.filter((row) => !row.flagged)[0]!.facts).toMatchObject({
      heldBackByAuthorShare: true,
    });
    expect(refreshed.find((row) => row.storyId === hot[3])!.flagged).toBe(true);
    // A story not hot enough to flag keeps its units, not the rest of its facts.
    expect(refreshed.find((row) => row.storyId === quiet)).toMatchObject({
      flagged: false,
      units: ['sales'],
      facts: {},
    });
    expect(refreshed.find((row) => row.storyId === hot[3])!.facts).toMatchObject({ members: 20 });

    // The same `now`, a second run: nothing moves (flagged-since dates included), and no row is rewritten.
    const versions = await rowVersions();
    await processors['scores.refresh']({ full: true }, undefined as never);
    expect(await storedScores()).toEqual(refreshed);
    expect(await rowVersions()).toEqual(versions);

    // From nothing stored, each story scored alone, in the order the refresh takes them.
    const order = await storyScores.listStoriesToRescore(t.db, null);
    await t.db.deleteFrom('storyScores').execute();
    for (const { id } of order) await processors['story.score']({ storyId: id }, undefined as never);
    expect(await storedScores()).toEqual(refreshed);
  }, 120_000);

  it('lists for a full refresh the live stories with any event, a positive score or none; a window, recent events', async () => {
    const author = makeMember({ unit: 'it' });
    const reader = makeMember({ unit: 'sales' });
    const titles = ['viewed', 'commented', 'adopted', 'unscored', 'settled', 'deleted', 'decaying'] as const;
    const ids = Object.fromEntries(
      await Promise.all(titles.map(async (title) => [title, await postStory(author, title)] as const)),
    ) as Record<(typeof titles)[number], string>;
    // Events three weeks old: outside a refresh's 14-day window.
    t.clock.set(new Date(Date.now() - 21 * 24 * 3_600_000));
    await t.as(reader).post(`/v1/stories/${ids.viewed}/engagements`, { kind: 'view' });
    await t.as(reader).post(`/v1/stories/${ids.commented}/comments`, { body: 'We tried it.' });
    await t.as(reader).post(`/v1/stories/${ids.adopted}/adoptions`, {});
    await t.as(reader).post(`/v1/stories/${ids.deleted}/engagements`, { kind: 'view' });
    t.clock.set(new Date());
    await t.as(author).delete(`/v1/stories/${ids.deleted}`);
    const scored = (storyId: string, hot: number) => ({
      storyId,
      score: {
        engagement: 0,
        spread: 0,
        hot,
        flagged: false,
        reasons: [],
        facts: { units: [], heldBackByAuthorShare: false },
      },
      counters: {
        viewCount: 0,
        reactionCount: 0,
        commentCount: 0,
        shareCount: 0,
        adoptionCount: 0,
        unitCount: 0,
      },
    });
    await storyScores.upsertStoryScores(
      t.db,
      ['viewed', 'commented', 'adopted', 'settled', 'deleted'].map((title) =>
        scored(ids[title as 'viewed'], 0),
      ),
      new Date(),
    );
    await storyScores.upsertStoryScores(t.db, [scored(ids.decaying, 1)], new Date());

    const titleOf = new Map(Object.entries(ids).map(([title, id]) => [id, title]));
    const listed = async (since: Date | null) =>
      (await storyScores.listStoriesToRescore(t.db, since))
        .flatMap((story) => titleOf.get(story.id) ?? []) // this test's stories only
        .sort();
    expect(await listed(null)).toEqual(['adopted', 'commented', 'decaying', 'unscored', 'viewed']);
    expect(await listed(new Date(Date.now() - 14 * 24 * 3_600_000))).toEqual(['decaying', 'unscored']);
  });
});
