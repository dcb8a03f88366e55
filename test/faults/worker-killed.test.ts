import { describe, expect, it } from 'vitest';
import { makeMember, makeMembers, useHarness } from '@kf/testing';
import { countsMismatches, spawnService, waitUntil } from './helpers.js';

const t = useHarness({ workerEnv: { JOB_LOCK_MS: '2000' } });

describe('a worker killed mid-batch', () => {
  it('is replaced by a new worker that finishes the work: every event counted once, every story indexed and scored', async () => {
    const members = makeMembers(8, { unit: 'sales' });
    const storyIds: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const res = await t.as(makeMember({ unit: 'finance' })).post('/v1/stories', {
        title: `Practice ${i}: weekly retrospectives with the whole plant`,
        body: `Story ${i} about retrospectives, kaizen boards and teams that plan their own work.`,
      });
      storyIds.push(res.body.id);
      for (const member of members)
        await t.as(member).post(`/v1/stories/${res.body.id}/engagements`, { kind: 'reaction' });
    }
    const child = spawnService('services/worker/src/main.ts', {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.redisUrl,
      QUEUE_PREFIX: t.queuePrefix,
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '4',
    });
    // Kill it once it is busy: some stories done, many not.
    await waitUntil(
      async () => (await t.queues.stories.getJobCountByTypes('completed')) >= 10,
      60_000,
      'the child worker to complete some jobs',
    );
    child.kill('SIGKILL');
    const unfinished = await t.queues.stories.getJobCountByTypes('waiting', 'active', 'delayed');
    expect(unfinished).toBeGreaterThan(0);

    await t.queues.maintenance.removeJobScheduler('scores.refresh');
    await t.queues.reports.removeJobScheduler('report.weekly');
    await t.startWorker();
    // The dead worker's active jobs are taken over once their locks lapse (JOB_LOCK_MS).
    await t.drain(60_000);

    expect(await countsMismatches(t.db)).toEqual([]);
    const indexed = await t.db.selectFrom('storyTerms').select('storyId').execute();
    const scored = await t.db.selectFrom('storyScores').select('storyId').execute();
    expect(new Set(indexed.map((row) => row.storyId))).toEqual(new Set(storyIds));
    expect(new Set(scored.map((row) => row.storyId))).toEqual(new Set(storyIds));
    const story = await t.as(makeMember()).get(`/v1/stories/${storyIds[0]}`);
    expect(story.body.counts.reactions).toBe(8);
  }, 120_000);
});
