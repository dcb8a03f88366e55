import { describe, expect, it } from 'vitest';
import { makeMember, makeMembers, signToken, TEST_JWT_SECRET, useHarness } from '@kf/testing';
import { countsMismatches, exited, freePort, spawnService, waitUntil } from './helpers.js';

const t = useHarness();

describe('graceful shutdown under load', () => {
  it('finishes in-flight requests, loses no accepted event and exits within 10 s of SIGTERM', async () => {
    const port = await freePort();
    const child = spawnService('scripts/start-all.ts', {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.redisUrl,
      QUEUE_PREFIX: t.queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${base}/readyz`)).ok, 30_000, 'the stack to start');
    const author = makeMember();
    const created = await fetch(`${base}/v1/stories`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${signToken(author, TEST_JWT_SECRET)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ title: 'Under load', body: 'x' }),
    });
    const storyId = ((await created.json()) as { id: string }).id;

    const post = (member: ReturnType<typeof makeMember>) =>
      fetch(`${base}/v1/stories/${storyId}/engagements`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${signToken(member, TEST_JWT_SECRET)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ kind: 'share' }),
      }).then(
        async (res) => ({
          status: res.status,
          counted: res.ok && ((await res.json()) as { counted: boolean }).counted,
        }),
        () => ({ status: 0, counted: false }),
      );
    const members = makeMembers(300, { unit: 'ops' });
    const inFlight = members.map((member, i) =>
      new Promise((resolve) => setTimeout(resolve, i)).then(() => post(member)),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    const code = await exited(child);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(code).toBe(0);

    // Answers are accepted events or refused connections after close: never a 5xx, never a half-answer.
    expect(
      results.every((result) => result.status === 202 || result.status === 0 || result.status === 503),
    ).toBe(true);
    const accepted = results.filter((result) => result.counted).length;
    expect(accepted).toBeGreaterThan(0);
    const rows = await t.db
      .selectFrom('engagements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows.n).toBe(accepted);

    // Jobs queued before the shutdown are still in Redis: a new worker finishes them.
    await t.queues.maintenance.removeJobScheduler('scores.refresh');
    await t.queues.reports.removeJobScheduler('report.weekly');
    await t.startWorker();
    await t.drain(30_000);
    expect(await countsMismatches(t.db)).toEqual([]);
  }, 90_000);
});
