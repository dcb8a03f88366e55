import { describe, expect, it } from 'vitest';
import { enqueue } from '@kf/jobs';
import { assertEveryJobHasAProcessor, createProcessors } from '@kf/worker';
import { makeMember, makeMembers, useHarness } from '@kf/testing';

const t = useHarness();

async function storyWithEvents() {
  const author = makeMember({ unit: 'finance' });
  const { body: story } = await t
    .as(author)
    .post('/v1/stories', { title: 'Blameless retros', body: 'Ask what, not who.' });
  for (const member of makeMembers(3, { unit: 'sales' })) {
    await t.as(member).post(`/v1/stories/${story.id}/engagements`, { kind: 'reaction' });
    await t.as(member).post(`/v1/stories/${story.id}/engagements`, { kind: 'view' });
  }
  await t.as(makeMember({ unit: 'hr' })).post(`/v1/stories/${story.id}/comments`, { body: 'Yes' });
  await t.as(makeMember({ unit: 'legal' })).post(`/v1/stories/${story.id}/adoptions`, {});
  return story.id as string;
}

const expected = { views: 3, reactions: 3, shares: 0, comments: 1, adoptions: 1, units: 3 };

describe('story.score', () => {
  it('gives the same counts when run once, twice or as a burst of duplicates', async () => {
    const storyId = await storyWithEvents();
    const processors = createProcessors(await t.workerDeps());
    await processors['story.score']({ storyId }, undefined as never);
    const once = (await t.as(makeMember()).get(`/v1/stories/${storyId}`)).body.counts;
    expect(once).toEqual(expected);
    await processors['story.score']({ storyId }, undefined as never);
    expect((await t.as(makeMember()).get(`/v1/stories/${storyId}`)).body.counts).toEqual(once);

    for (let i = 0; i < 20; i += 1) await enqueue(t.queues, 'story.score', { storyId });
    await t.startWorker();
    await t.drain();
    expect((await t.as(makeMember()).get(`/v1/stories/${storyId}`)).body.counts).toEqual(once);
  });

  it("leaves the author's own events and dropped adoptions out of the counts, but a dropped adoption's unit in", async () => {
    const storyId = await storyWithEvents();
    const author = (await t.as(makeMember()).get(`/v1/stories/${storyId}`)).body.author;
    const dropping = makeMember({ unit: 'it' });
    const { body: adoption } = await t.as(dropping).post(`/v1/stories/${storyId}/adoptions`, {});
    await t.as(dropping).patch(`/v1/adoptions/${adoption.id}`, { status: 'dropped' });
    // The author's own view and reaction count for nothing.
    const asAuthor = makeMember({ id: author.id, name: author.name, unit: author.unit });
    await t.as(asAuthor).post(`/v1/stories/${storyId}/engagements`, { kind: 'view' });
    await t.as(asAuthor).post(`/v1/stories/${storyId}/engagements`, { kind: 'reaction' });
    await createProcessors(await t.workerDeps())['story.score']({ storyId }, undefined as never);
    expect((await t.as(makeMember()).get(`/v1/stories/${storyId}`)).body.counts).toEqual({
      ...expected,
      units: expected.units + 1,
    });
  });

  it('coalesces a burst of events into a handful of jobs', async () => {
    const { body: story } = await t
      .as(makeMember())
      .post('/v1/stories', { title: 'Burst', body: 'Many at once.' });
    await Promise.all(
      makeMembers(100, { unit: 'ops' }).map((m) =>
        t.as(m).post(`/v1/stories/${story.id}/engagements`, { kind: 'share' }),
      ),
    );
    const jobs = await t.queues.stories.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.filter((job) => job.name === 'story.score').length).toBeLessThanOrEqual(5);
    await t.startWorker();
    await t.drain();
    expect((await t.as(makeMember()).get(`/v1/stories/${story.id}`)).body.counts.shares).toBe(100);
  });
});

describe('worker start-up', () => {
  it('refuses to start when a catalog job has no processor', async () => {
    const processors = createProcessors(await t.workerDeps());
    expect(() => assertEveryJobHasAProcessor({ ...processors, 'story.score': undefined })).toThrow(
      /story\.score/,
    );
  });
});
