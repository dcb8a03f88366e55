import { describe, expect, it } from 'vitest';
import { makeMember, type TestMember, useHarness } from '@kf/testing';

const t = useHarness();
const curator = makeMember({ name: 'Carla Curator', roles: ['member', 'curator'], unit: 'people' });
const DAY = 86_400_000;

async function postStory(unit = 'finance') {
  const res = await t
    .as(makeMember({ unit }))
    .post('/v1/stories', { title: `Practice from ${unit}`, body: 'Something worth spreading.' });
  return res.body.id as string;
}

async function adopt(storyId: string, member: TestMember, at: Date) {
  t.clock.set(at);
  const res = await t.as(member).post(`/v1/stories/${storyId}/adoptions`, {});
  expect(res.status).toBe(201);
  return res.body;
}

describe('amplify', () => {
  it('refuses members (403), answers 201 to a curator, 409 to a second active one, and records it all in order', async () => {
    const storyId = await postStory();
    expect((await t.as(makeMember()).post(`/v1/stories/${storyId}/amplify`, { headline: 'x' })).status).toBe(
      403,
    );
    const first = await t
      .as(curator)
      .post(`/v1/stories/${storyId}/amplify`, { headline: 'Self-managed teams work', summary: 'Read this' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      storyId,
      headline: 'Self-managed teams work',
      curator: { id: curator.id },
      withdrawnAt: null,
      active: true,
    });
    expect(new Date(first.body.expiresAt).getTime() - new Date(first.body.amplifiedAt).getTime()).toBe(
      14 * DAY,
    );
    const second = await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'Again' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('amplification_active');

    const story = await t.as(makeMember()).get(`/v1/stories/${storyId}`);
    expect(story.body.amplification).toMatchObject({
      id: first.body.id,
      headline: 'Self-managed teams work',
      curator: { name: 'Carla Curator' },
    });

    const admin = makeMember({ roles: ['admin'] });
    expect(
      (await t.as(admin).patch(`/v1/amplifications/${first.body.id}`, { headline: 'Edited headline' })).body
        .headline,
    ).toBe('Edited headline');
    const reader = makeMember();
    expect((await t.as(reader).post(`/v1/amplifications/${first.body.id}/dismiss`)).status).toBe(204);
    expect(
      (await t.as(curator).delete(`/v1/amplifications/${first.body.id}`)).body.withdrawnAt,
    ).not.toBeNull();
    const detail = await t.as(curator).get(`/v1/amplifications/${first.body.id}`);
    expect(
      detail.body.audit.map((entry: { action: string; actor: { id: string } }) => [
        entry.action,
        entry.actor.id,
      ]),
    ).toEqual([
      ['amplified', curator.id],
      ['edited', admin.id],
      ['dismissed', reader.id],
      ['withdrawn', curator.id],
    ]);
    // Withdrawn: a new amplification is allowed again.
    expect((await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'Back' })).status).toBe(
      201,
    );
  });

  it('validates expiry (at most 90 days, in the future) and answers 404 for unknown stories', async () => {
    const storyId = await postStory();
    const far = new Date(Date.now() + 91 * DAY).toISOString();
    const res = await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'x', expiresAt: far });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('expiresAt');
    const past = await t
      .as(curator)
      .post(`/v1/stories/${storyId}/amplify`, { headline: 'x', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(
      (
        await t
          .as(curator)
          .post('/v1/stories/00000000-0000-4000-8000-000000000000/amplify', { headline: 'x' })
      ).status,
    ).toBe(404);
  });

  it('lists amplifications by activity', async () => {
    const [a, b] = [await postStory(), await postStory()];
    const active = await t.as(curator).post(`/v1/stories/${a}/amplify`, { headline: 'Active' });
    const withdrawn = await t.as(curator).post(`/v1/stories/${b}/amplify`, { headline: 'Withdrawn' });
    await t.as(curator).delete(`/v1/amplifications/${withdrawn.body.id}`);
    const ids = async (query: string) =>
      (await t.as(curator).get(`/v1/amplifications${query}`)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await ids('?active=true')).toContain(active.body.id);
    expect(await ids('?active=true')).not.toContain(withdrawn.body.id);
    expect(await ids('?active=false')).toContain(withdrawn.body.id);
    expect((await t.as(makeMember()).get('/v1/amplifications')).status).toBe(403);
  });
});

describe('headlines in the feed', () => {
  it('shows active headlines newest first; withdrawn and expired ones leave at once; a dismissal is per member', async () => {
    t.clock.set('2026-11-01T08:00:00Z');
    const [a, b, c] = [await postStory(), await postStory(), await postStory()];
    const ampA = await t.as(curator).post(`/v1/stories/${a}/amplify`, { headline: 'A' });
    t.clock.set('2026-11-01T09:00:00Z');
    const ampB = await t
      .as(curator)
      .post(`/v1/stories/${b}/amplify`, { headline: 'B', expiresAt: '2026-11-03T00:00:00Z' });
    t.clock.set('2026-11-01T10:00:00Z');
    await t.as(curator).post(`/v1/stories/${c}/amplify`, { headline: 'C' });

    const [reader, other] = [makeMember(), makeMember()];
    const headlines = async (member: TestMember) =>
      (await t.as(member).get('/v1/feed?limit=2')).body.headlines.map((story: { id: string }) => story.id);
    expect((await headlines(reader)).slice(0, 3)).toEqual([c, b, a]);

    await t.as(curator).delete(`/v1/amplifications/${ampA.body.id}`);
    expect(await headlines(reader)).not.toContain(a);

    await t.as(reader).post(`/v1/amplifications/${ampB.body.id}/dismiss`);
    expect(await headlines(reader)).not.toContain(b);
    expect(await headlines(other)).toContain(b);
    // Readers opening the feed together (their dismissals read at once) each see their own.
    const together = await Promise.all([reader, other, reader, other].map(headlines));
    expect(together.map((ids) => ids.includes(b))).toEqual([false, true, false, true]);

    t.clock.set('2026-11-03T00:00:01Z');
    expect(await headlines(other)).not.toContain(b);
    expect(await headlines(other)).toContain(c);

    const page = await t.as(other).get('/v1/feed?limit=2');
    const next = await t.as(other).get(`/v1/feed?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.headlines).toEqual([]);
  });

  it('moves an amplified story out of the pending hot-spot queue', async () => {
    const storyId = await postStory();
    await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'Amplified' });
    const amplified = await t.as(curator).get('/v1/hot-spots?status=amplified');
    expect(amplified.body.items.map((item: { story: { id: string } }) => item.story.id)).toContain(storyId);
  });
});

describe('spread', () => {
  it('counts adoptions 10 days before and after exactly, with units, rates, lift and first adoption dates', async () => {
    const storyId = await postStory('finance');
    const amplifiedAt = new Date('2026-10-10T00:00:00Z');
    // Before: 5 adoptions in 2 units; after: 12 in 4 units (2 of them new).
    for (let i = 0; i < 5; i += 1)
      await adopt(
        storyId,
        makeMember({ unit: i < 3 ? 'sales' : 'hr' }),
        new Date(amplifiedAt.getTime() - (i + 1) * DAY),
      );
    t.clock.set(amplifiedAt);
    const amp = await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'Spread it' });
    const afterUnits = ['sales', 'hr', 'legal', 'it'];
    for (let i = 0; i < 12; i += 1) {
      await adopt(
        storyId,
        makeMember({ unit: afterUnits[i % 4]! }),
        new Date(amplifiedAt.getTime() + (i % 10) * DAY + 3_600_000),
      );
    }
    t.clock.set(new Date(amplifiedAt.getTime() + 10 * DAY));
    const res = await t.as(curator).get(`/v1/amplifications/${amp.body.id}/spread?bucket=day`);
    expect(res.status).toBe(200);
    expect(res.body.before).toEqual({ days: 10, adoptions: 5, units: 2, ratePerDay: 0.5 });
    expect(res.body.after).toEqual({ days: 10, adoptions: 12, units: 4, ratePerDay: 1.2 });
    expect(res.body.lift).toBeCloseTo(0.7);
    const legal = res.body.units.find((unit: { unit: string }) => unit.unit === 'legal');
    expect(legal).toMatchObject({ adoptionsBefore: 0, adoptionsAfter: 3, newAfterAmplification: true });
    expect(legal.firstAdoptionAt).toBe(new Date(amplifiedAt.getTime() + 3_600_000).toISOString());
    const sales = res.body.units.find((unit: { unit: string }) => unit.unit === 'sales');
    expect(sales.firstAdoptionAt).toBe(new Date(amplifiedAt.getTime() - 3 * DAY).toISOString());
    expect(res.body.series.length).toBeGreaterThanOrEqual(20);
    expect((await t.as(makeMember()).get(`/v1/amplifications/${amp.body.id}/spread`)).status).toBe(403);
  });
});
