import { describe, expect, it } from 'vitest';
import { makeMember, makeMembers, useHarness } from '@kf/testing';

const t = useHarness({ worker: true });

async function postStory(author = makeMember()) {
  const res = await t.as(author).post('/v1/stories', { title: 'Walking one-on-ones', body: 'Meet outside.' });
  return { author, id: res.body.id as string };
}

describe('POST /v1/stories/:id/engagements', () => {
  it('counts 50 members reacting concurrently exactly 50 times, across their units', async () => {
    const { id } = await postStory();
    const members = [...makeMembers(25, { unit: 'sales' }), ...makeMembers(25, { unit: 'operations' })];
    const results = await Promise.all(
      members.map((m) => t.as(m).post(`/v1/stories/${id}/engagements`, { kind: 'reaction' })),
    );
    expect(results.every((res) => res.status === 202 && res.body.counted === true)).toBe(true);
    await t.drain();
    const story = await t.as(members[0]).get(`/v1/stories/${id}`);
    expect(story.body.counts).toMatchObject({ reactions: 50, units: 2 });
  });

  it('fails only the engagement that cannot be stored when it is posted with others at once', async () => {
    const { id } = await postStory();
    const [gone, ...others] = makeMembers(6, { unit: 'sales' });
    // Known to the API process (it stores a caller once), then removed from the table: its engagement breaks
    // the foreign key, and the statement recording those posted with it fails; each is then recorded alone.
    // All known beforehand, so their posts reach the route in the same turn and are recorded together.
    for (const member of [gone!, ...others]) await t.as(member).get('/v1/feed');
    await t.db.deleteFrom('members').where('id', '=', gone!.id).execute();
    const results = await Promise.all(
      [gone!, ...others].map((member) =>
        t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'reaction' }),
      ),
    );
    expect(results.map((res) => res.status)).toEqual([500, 202, 202, 202, 202, 202]);
    expect(results.slice(1).every((res) => res.body.counted === true)).toBe(true);
    const stored = await t.db
      .selectFrom('engagements')
      .select('memberId')
      .where('storyId', '=', id)
      .execute();
    expect(stored.map((row) => row.memberId).sort()).toEqual(others.map((member) => member.id).sort());
  });

  it('counts one member reacting 10 times concurrently once', async () => {
    const { id } = await postStory();
    const member = makeMember({ unit: 'sales' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'reaction' }),
      ),
    );
    expect(results.filter((res) => res.body.counted).length).toBe(1);
    await t.drain();
    expect((await t.as(member).get(`/v1/stories/${id}`)).body.counts.reactions).toBe(1);
  });

  it('counts a view once per member per day', async () => {
    const { id } = await postStory();
    const member = makeMember();
    t.clock.set('2026-11-20T09:00:00Z');
    expect((await t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'view' })).body.counted).toBe(
      true,
    );
    t.clock.set('2026-11-20T17:00:00Z');
    expect((await t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'view' })).body.counted).toBe(
      false,
    );
    t.clock.set('2026-11-21T08:00:00Z');
    expect((await t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'view' })).body.counted).toBe(
      true,
    );
    await t.drain();
    expect((await t.as(member).get(`/v1/stories/${id}`)).body.counts.views).toBe(2);
  });

  it("accepts the author's own engagement but counts it for nothing", async () => {
    const { author, id } = await postStory();
    expect((await t.as(author).post(`/v1/stories/${id}/engagements`, { kind: 'share' })).status).toBe(202);
    await t.as(author).post(`/v1/stories/${id}/adoptions`, {});
    await t.as(makeMember({ unit: 'hr' })).post(`/v1/stories/${id}/engagements`, { kind: 'share' });
    await t.drain();
    expect((await t.as(author).get(`/v1/stories/${id}`)).body.counts).toMatchObject({
      shares: 1,
      adoptions: 0,
      units: 1,
    });
  });

  it('answers 400 for an unknown kind and 404 for an unknown story', async () => {
    const { id } = await postStory();
    const member = makeMember();
    const bad = await t.as(member).post(`/v1/stories/${id}/engagements`, { kind: 'like' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('kind');
    expect(
      (
        await t
          .as(member)
          .post('/v1/stories/00000000-0000-4000-8000-000000000000/engagements', { kind: 'view' })
      ).status,
    ).toBe(404);
  });
});

describe('comments', () => {
  it('marks an executive comment as an endorsement and lists it first', async () => {
    const { id } = await postStory();
    const member = makeMember();
    const ceo = makeMember({ name: 'The CEO', roles: ['member', 'executive'], unit: 'board' });
    const plain = await t.as(member).post(`/v1/stories/${id}/comments`, { body: 'Nice one' });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ body: 'Nice one', endorsement: false, author: { id: member.id } });
    const endorsed = await t.as(ceo).post(`/v1/stories/${id}/comments`, { body: 'Let us all try this.' });
    expect(endorsed.body.endorsement).toBe(true);
    const list = await t.as(member).get(`/v1/stories/${id}/comments`);
    expect(list.body.items.map((c: { body: string }) => c.body)).toEqual([
      'Let us all try this.',
      'Nice one',
    ]);
    await t.drain();
    expect((await t.as(member).get(`/v1/stories/${id}`)).body.counts.comments).toBe(2);
  });

  it('answers 400 for an empty comment', async () => {
    const { id } = await postStory();
    const res = await t.as(makeMember()).post(`/v1/stories/${id}/comments`, { body: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.body');
  });
});
