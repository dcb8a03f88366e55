import { describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();

async function postStory() {
  const res = await t
    .as(makeMember())
    .post('/v1/stories', { title: 'No-meeting Fridays', body: 'One day a week.' });
  return res.body.id as string;
}

describe('adoptions', () => {
  it('creates once per member and story; a repeat returns 200 and the first adoption', async () => {
    const storyId = await postStory();
    const member = makeMember({ unit: 'sales' });
    const first = await t.as(member).post(`/v1/stories/${storyId}/adoptions`, { note: 'Trying in Q1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      storyId,
      member: { id: member.id, unit: 'sales' },
      unit: 'sales',
      note: 'Trying in Q1',
      status: 'trying',
      outcome: null,
    });
    const again = await t.as(member).post(`/v1/stories/${storyId}/adoptions`, { note: 'different' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const list = await t.as(makeMember()).get(`/v1/stories/${storyId}/adoptions`);
    expect(list.body.items).toHaveLength(1);
  });

  it('lets only its member follow it through; others get 403 and nothing changes', async () => {
    const storyId = await postStory();
    const member = makeMember();
    const { body: adoption } = await t.as(member).post(`/v1/stories/${storyId}/adoptions`, {});
    const other = await t
      .as(makeMember({ roles: ['admin'] }))
      .patch(`/v1/adoptions/${adoption.id}`, { status: 'dropped' });
    expect(other.status).toBe(403);
    const own = await t
      .as(member)
      .patch(`/v1/adoptions/${adoption.id}`, { status: 'adopted', outcome: 'Fewer meetings' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'adopted', outcome: 'Fewer meetings' });
    const bad = await t.as(member).patch(`/v1/adoptions/${adoption.id}`, { status: 'finished' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('status');
    expect((await t.as(member).patch('/v1/adoptions/00000000-0000-4000-8000-000000000000', {})).status).toBe(
      404,
    );
  });

  it("lists the caller's own adoptions, newest first", async () => {
    const [a, b] = [await postStory(), await postStory()];
    const member = makeMember();
    t.clock.set('2026-11-01T10:00:00Z');
    await t.as(member).post(`/v1/stories/${a}/adoptions`, {});
    t.clock.set('2026-11-02T10:00:00Z');
    await t.as(member).post(`/v1/stories/${b}/adoptions`, {});
    await t.as(makeMember()).post(`/v1/stories/${a}/adoptions`, {});
    const mine = await t.as(member).get('/v1/me/adoptions');
    expect(mine.body.items.map((item: { storyId: string }) => item.storyId)).toEqual([b, a]);
  });
});
