import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enqueue, GIVE_WAY_AT_MOST_MS, type Queues } from '@kf/jobs';
import { useHarness } from '@kf/testing';

const t = useHarness({ worker: true });

type Queue = Queues[keyof Queues];

/** The job once it has finished (completed or failed), polled. */
async function finished(queue: Queue, id: string) {
  for (;;) {
    const job = await queue.getJob(id);
    if (job?.finishedOn) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('maintenance that gives way to indexing', () => {
  it('waits while story.index jobs are pending and runs once they are done, not failing or retrying', async () => {
    // A story.index job due in 3 s (its story does not exist: indexing it does nothing); a re-clustering
    // asked for now is due in 2 s, then waits for it.
    const indexing = await t.queues.indexing.add('story.index', { storyId: randomUUID() }, { delay: 3_000 });
    await enqueue(t.queues, 'practices.recluster', {});
    const [recluster] = await t.queues.maintenance.getJobs(['delayed']);
    const indexed = await finished(t.queues.indexing, indexing.id!);
    const reclustered = await finished(t.queues.maintenance, recluster!.id!);
    expect(reclustered.finishedOn!).toBeGreaterThanOrEqual(indexed.finishedOn!);
    expect(reclustered.failedReason).toBeUndefined();
    expect(reclustered.attemptsMade).toBe(1);
    await t.drain();
  }, 20_000);

  it('runs anyway once it was asked for GIVE_WAY_AT_MOST_MS ago, so steady indexing cannot starve it', async () => {
    const indexing = await t.queues.indexing.add('story.index', { storyId: randomUUID() }, { delay: 4_000 });
    const overdue = await t.queues.maintenance.add(
      'practices.recluster',
      {},
      { timestamp: Date.now() - GIVE_WAY_AT_MOST_MS - 1_000 },
    );
    const reclustered = await finished(t.queues.maintenance, overdue.id!);
    expect(reclustered.failedReason).toBeUndefined();
    expect(await indexing.getState()).toBe('delayed');
    await t.drain();
  }, 20_000);
});
