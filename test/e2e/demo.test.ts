import { describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';
import { generateDemoOrganisation } from '../../scripts/demo/organisation.js';

const t = useHarness({ worker: true });
const admin = makeMember({ roles: ['admin', 'curator'], unit: 'hr-shared-services' });
const NOW = new Date('2026-11-20T15:00:00Z');

describe('the demo organisation', () => {
  it('loads through the import path, flags a planted spreading practice, keeps its single-unit decoy below', async () => {
    t.clock.set(NOW);
    const demo = generateDemoOrganisation({ now: NOW });
    const body = demo.records.map((record) => JSON.stringify(record)).join('\n');
    const imported = await t
      .as(admin)
      .post('/v1/admin/import', body, { 'content-type': 'application/x-ndjson' });
    expect(imported.body).toMatchObject({ imported: demo.records.length, errors: [] });
    await t.drain(240_000);
    expect((await t.as(admin).post('/v1/admin/rescore')).status).toBe(202);
    await t.drain(240_000);

    const scores = async (externalIds: string[]) =>
      t.db
        .selectFrom('stories')
        .innerJoin('storyScores', 'storyScores.storyId', 'stories.id')
        .select(['stories.externalId', 'storyScores.hot', 'storyScores.flagged', 'stories.practiceId'])
        .where('stories.externalId', 'in', externalIds)
        .execute();
    const planted = await Promise.all(demo.planted.spreadingPractices.map(scores));
    const flaggedPractice = planted.find((stories) => stories.some((story) => story.flagged));
    expect(flaggedPractice).toBeDefined();
    const [decoy] = await scores([demo.planted.singleUnitDecoy]);
    expect(decoy!.flagged).toBe(false);
    expect(decoy!.hot).toBeLessThanOrEqual(Math.max(...flaggedPractice!.map((story) => story.hot)));

    // A second run imports nothing twice.
    const again = await t
      .as(admin)
      .post('/v1/admin/import', body, { 'content-type': 'application/x-ndjson' });
    expect(again.body).toMatchObject({ imported: 0, skipped: demo.records.length });
  }, 600_000);
});
