import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createProcessors } from '@kf/worker';
import { makeMember, useHarness } from '@kf/testing';
import { SAMPLE_STORIES } from '../../packages/domain/src/text/sample-stories.fixture.js';

const t = useHarness({ worker: true, databasePerTest: true });
const UNITS = ['finance', 'sales', 'operations', 'hr', 'legal'];

/** Posts sample stories, family members in different units, and waits for the worker to index them all. */
async function postSamples(practice: string | null) {
  const samples = SAMPLE_STORIES.filter((story) => practice === null || story.practice === practice);
  const ids = new Map<string, string>();
  for (const [index, sample] of samples.entries()) {
    const author = makeMember({ unit: UNITS[index % UNITS.length]! });
    const res = await t
      .as(author)
      .post('/v1/stories', { title: sample.title, body: sample.body, tags: sample.tags });
    expect(res.status).toBe(201);
    ids.set(sample.id, res.body.id);
  }
  await t.drain();
  return ids;
}

const get = (id: string) =>
  t
    .as(makeMember())
    .get(`/v1/stories/${id}`)
    .then((res) => res.body);

/** The practice state worth comparing: which stories belong to which practice, and each practice's figures. */
async function practiceState() {
  const rows = await t.db.selectFrom('stories').select(['id', 'practiceId']).orderBy('id').execute();
  const practices = await t.db
    .selectFrom('practices')
    .select(['id', 'label', 'storyCount', 'unitCount', 'units'])
    .orderBy('id')
    .execute();
  const lists = await t.db
    .selectFrom('storyNeighbours')
    .select(['storyId', 'similarIds', 'similarities'])
    .execute();
  return {
    rows,
    practices,
    links: new Map(
      lists.flatMap((list) =>
        list.similarIds.map(
          (similarId, i) => [`${list.storyId}>${similarId}`, list.similarities[i]!] as const,
        ),
      ),
    ),
  };
}

/**
 * Practices must be identical, and every link that means something (≥ 0.15; practices start at 0.3) on one
 * side must be stored on the other with about the same similarity. The weakest tail of a top 10 may differ:
 * similarities move slightly with idf drift (a long-running index re-weights, and story.index recomputes every
 * stored list, once a tenth of the corpus changed; in between, lists gain new stories by merge; a restarted
 * index starts exact).
 */
function expectSameState(after: Awaited<ReturnType<typeof practiceState>>, before: typeof after) {
  expect(after.rows).toEqual(before.rows);
  expect(after.practices).toEqual(before.practices);
  for (const [one, other] of [
    [before, after],
    [after, before],
  ] as const) {
    for (const [link, similarity] of one.links) {
      if (similarity < 0.15) continue;
      expect(other.links.has(link), link).toBe(true);
      expect(other.links.get(link)!).toBeCloseTo(similarity, 1);
    }
  }
}

describe('similar stories and practices', () => {
  it('groups near-duplicate stories written in 3 units into one practice; unrelated stories do not join', async () => {
    const ids = await postSamples(null);
    const family = ['self-managed-1', 'self-managed-2', 'self-managed-3'].map((id) => ids.get(id)!);
    const stories = await Promise.all(family.map(get));
    const practiceId = stories[0].practice?.id;
    expect(practiceId).toBeDefined();
    for (const story of stories)
      expect(story.practice).toMatchObject({ id: practiceId, storyCount: 3, unitCount: 3 });

    const practice = await t.as(makeMember()).get(`/v1/practices/${practiceId}`);
    expect(practice.status).toBe(200);
    expect(practice.body).toMatchObject({ storyCount: 3, unitCount: 3 });
    expect(practice.body.units).toHaveLength(3);
    expect(practice.body.label.length).toBeGreaterThan(0);
    expect(practice.body.stories.map((story: { id: string }) => story.id).sort()).toEqual([...family].sort());
    expect(practice.body.people.filter((person: { as: string }) => person.as === 'author')).toHaveLength(3);

    const unrelated = SAMPLE_STORIES.filter((story) => !story.practice.startsWith('self-managed'));
    for (const sample of unrelated) {
      const story = await get(ids.get(sample.id)!);
      expect(story.practice?.id ?? null).not.toBe(practiceId);
    }

    // Neighbours: a family member's best neighbours are its family, shown with their unit.
    const detail = await get(family[0]!);
    expect(
      detail.similar
        .slice(0, 2)
        .map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual([family[1], family[2]].sort());
    expect(detail.similar[0]).toMatchObject({ otherUnit: true });
    expect(detail.similar[0].similarity).toBeGreaterThan(0.3);

    const list = await t.as(makeMember()).get('/v1/practices');
    expect(list.body.items.some((item: { id: string }) => item.id === practiceId)).toBe(true);
  });

  it('keeps a practice id when a fourth similar story arrives', async () => {
    const ids = await postSamples('self-managed-teams');
    const before = (await get([...ids.values()][0]!)).practice;
    expect(before).toMatchObject({ storyCount: 3 });
    const fourth = await t.as(makeMember({ unit: 'legal' })).post('/v1/stories', {
      title: 'Self-managed teams in legal operations',
      body:
        'We removed the supervisor role and let the legal operations team manage itself. The team plans its own ' +
        'work, sets its own priorities and holds a weekly review of the figures. Decisions are faster and people own their work.',
      tags: ['self-managed teams', 'autonomy'],
    });
    await t.drain();
    const after = (await get(fourth.body.id)).practice;
    expect(after).toMatchObject({ id: before.id, storyCount: 4, unitCount: 4 });
  });

  it('lets two processes re-cluster at once: one practice per group, none left orphaned', async () => {
    const ids = [...(await postSamples('self-managed-teams')).values()];
    // Forget the practices, so both runs have to name the same new one at the same time.
    await t.db.updateTable('stories').set({ practiceId: null }).execute();
    await t.db.deleteFrom('practices').execute();
    const [first, second] = await Promise.all([t.workerDeps(), t.workerDeps()]);
    await Promise.all(
      [first, second].map((deps) => createProcessors(deps)['practices.recluster']({}, undefined as never)),
    );
    const practiceIds = await t.db
      .selectFrom('stories')
      .select('practiceId')
      .where('id', 'in', ids)
      .execute();
    expect(new Set(practiceIds.map((row) => row.practiceId)).size).toBe(1);
    const practices = await t.db.selectFrom('practices').select(['id', 'storyCount']).execute();
    expect(practices).toEqual([{ id: practiceIds[0]!.practiceId, storyCount: 3 }]);
  });

  it('drops a deleted story from its practice and from neighbours', async () => {
    const ids = await postSamples('rolling-forecasts');
    const [first, second] = [...ids.values()] as [string, string];
    const author = (await get(first)).author;
    await t
      .as(makeMember({ id: author.id, unit: author.unit, name: author.name }))
      .delete(`/v1/stories/${first}`);
    await t.drain();
    const remaining = await get(second);
    expect(remaining.similar.map((s: { id: string }) => s.id)).not.toContain(first);
    expect(remaining.practice?.storyCount ?? 1).toBe(2);
  });

  it("shows a neighbour's new title on the pages listing it once the worker has indexed the edit", async () => {
    const ids = await postSamples('rolling-forecasts');
    const [first, second] = [...ids.values()] as [string, string];
    expect((await get(first)).similar.map((s: { id: string }) => s.id)).toContain(second);
    const { author, title } = await get(second);
    // The same words in capitals: the same terms, so the lists' rankings and similarities do not move.
    const renamed = `${title.toUpperCase()}!`;
    const edited = await t
      .as(makeMember({ id: author.id, unit: author.unit, name: author.name }))
      .patch(`/v1/stories/${second}`, { title: renamed });
    expect(edited.status).toBe(200);
    await t.drain();
    const shown = (await get(first)).similar.find((s: { id: string }) => s.id === second);
    expect(shown).toMatchObject({ title: renamed });
  });

  it("mends a page's copy of a list left stale at the next full pass", async () => {
    const ids = await postSamples('rolling-forecasts');
    const [first] = [...ids.values()] as [string];
    const shown = (await get(first)).similar;
    expect(shown.length).toBeGreaterThan(0);
    // As if the story.index of an edit had given up after storing its terms, before rewriting the copies.
    await t.db
      .updateTable('storyNeighbours')
      .set({ similarStories: sql`'[]'::json` })
      .where('storyId', '=', first)
      .execute();
    expect((await get(first)).similar).toEqual([]);
    await createProcessors(await t.workerDeps())['neighbours.refresh']({}, undefined as never);
    expect((await get(first)).similar).toEqual(shown);
  });

  it('gives a restarted worker the same neighbours, and running any job twice changes nothing', async () => {
    const ids = await postSamples(null);
    const before = await practiceState();

    // A new process: a fresh index mirror rebuilt from PostgreSQL, then every job run again, twice.
    const processors = createProcessors(await t.workerDeps());
    for (let round = 0; round < 2; round += 1) {
      for (const id of ids.values()) {
        await processors['story.index']({ storyId: id }, undefined as never);
        await processors['story.score']({ storyId: id }, undefined as never);
      }
      await processors['practices.recluster']({}, undefined as never);
    }
    await t.drain();
    expectSameState(await practiceState(), before);

    // A full pass over lists that have not moved rewrites none of them: every row keeps its version.
    const rowVersions = async () =>
      (
        await sql<{ storyId: string; version: string }>`
          select story_id as "storyId", xmin::text as version from story_neighbours order by story_id`.execute(
          t.db,
        )
      ).rows;
    const written = await rowVersions();
    expect(written.length).toBeGreaterThan(0);
    await processors['neighbours.refresh']({}, undefined as never);
    expect(await rowVersions()).toEqual(written);
  });

  it('indexes a burst of jobs as one batch, and another process follows its changes, deletions included', async () => {
    const ids = await postSamples(null);
    const before = await practiceState();
    // Another process: its own mirror, loaded from PostgreSQL now.
    const other = await t.workerDeps();
    expect(other.mirror.index.size).toBe(ids.size);

    // Every job at once, as BullMQ hands them to the worker: they resolve together and change nothing.
    const processors = createProcessors(await t.workerDeps());
    await Promise.all(
      [...ids.values()].map((id) => processors['story.index']({ storyId: id }, undefined as never)),
    );
    await t.drain();
    expectSameState(await practiceState(), before);

    const [deleted] = [...ids.values()] as [string];
    const author = (await get(deleted)).author;
    await t
      .as(makeMember({ id: author.id, unit: author.unit, name: author.name }))
      .delete(`/v1/stories/${deleted}`);
    await t.drain();
    await other.mirror.sync();
    expect(other.mirror.index.has(deleted)).toBe(false);
    expect(other.mirror.index.size).toBe(ids.size - 1);
    const lists = await t.db.selectFrom('storyNeighbours').select(['storyId', 'similarIds']).execute();
    expect(lists.filter((list) => list.storyId === deleted || list.similarIds.includes(deleted))).toEqual([]);
  });
});

describe('search', () => {
  it('ranks stories by TF-IDF relevance', async () => {
    const ids = await postSamples(null);
    const res = await t.as(makeMember()).get('/v1/search?q=' + encodeURIComponent('rolling forecast budget'));
    expect(res.status).toBe(200);
    const top = res.body.items.slice(0, 3).map((story: { id: string }) => story.id);
    const family = SAMPLE_STORIES.filter((story) => story.practice === 'rolling-forecasts').map((story) =>
      ids.get(story.id),
    );
    expect(top.filter((id: string) => family.includes(id)).length).toBeGreaterThanOrEqual(2);
    expect((await t.as(makeMember()).get('/v1/search')).status).toBe(400);
  });
});
