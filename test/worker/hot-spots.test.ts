import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeMember,
  makeMembers,
  type SmtpSink,
  startSmtpSink,
  type TestMember,
  useHarness,
} from '@kf/testing';

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(() => smtp.close());

const t = useHarness({
  worker: true,
  workerEnv: () => ({ SMTP_URL: smtp.url, CURATOR_RECIPIENTS: 'curators@example.com,lead@example.com' }),
});
const curator = makeMember({ roles: ['member', 'curator'], unit: 'people' });

async function engage(storyId: string, members: TestMember[]) {
  for (const member of members) {
    await t.as(member).post(`/v1/stories/${storyId}/engagements`, { kind: 'view' });
    await t.as(member).post(`/v1/stories/${storyId}/engagements`, { kind: 'reaction' });
  }
  for (const member of members.slice(0, 6)) await t.as(member).post(`/v1/stories/${storyId}/adoptions`, {});
}

const fiveUnits = () =>
  ['finance', 'sales', 'operations', 'hr', 'legal'].flatMap((unit) => makeMembers(4, { unit }));

describe('hot spots', () => {
  it('flags a story engaged by 20 members of 5 units, with reasons; the same engagement from one unit ranks below', async () => {
    const spread = await t
      .as(makeMember({ unit: 'it' }))
      .post('/v1/stories', { title: 'Spread', body: 'Across units.' });
    const local = await t
      .as(makeMember({ unit: 'it' }))
      .post('/v1/stories', { title: 'Local', body: 'One unit.' });
    await engage(spread.body.id, fiveUnits());
    await engage(local.body.id, makeMembers(20, { unit: 'sales' }));
    await t.drain();

    const [a, b] = await Promise.all(
      [spread, local].map((res) => t.as(curator).get(`/v1/stories/${res.body.id}`)),
    );
    expect(a!.body.hotSpot.flagged).toBe(true);
    expect(a!.body.hotSpot.since).not.toBeNull();
    expect(a!.body.hotSpot.reasons.length).toBeGreaterThan(0);
    expect(a!.body.hotSpot.reasons.join(' ')).toMatch(/business units/);
    expect(a!.body.counts).toMatchObject({ units: 5, reactions: 20, adoptions: 6 });
    expect(b!.body.hotSpot.flagged).toBe(false);
    expect(a!.body.scores.hot).toBeGreaterThan(b!.body.scores.hot);

    const queue = await t.as(curator).get('/v1/hot-spots');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find(
      (entry: { story: { id: string } }) => entry.story.id === spread.body.id,
    );
    expect(item).toMatchObject({ status: 'pending', reasons: a!.body.hotSpot.reasons });
    expect(item.units).toHaveLength(5);
  });

  it('does not move any score when the author engages with their own story', async () => {
    const author = makeMember({ unit: 'it' });
    const story = await t.as(author).post('/v1/stories', { title: 'Mine', body: 'Self.' });
    await engage(story.body.id, fiveUnits().slice(0, 8));
    t.clock.set(new Date());
    await t.drain();
    const before = (await t.as(curator).get(`/v1/stories/${story.body.id}`)).body;
    await engage(story.body.id, [author]);
    await t.as(author).post(`/v1/stories/${story.body.id}/comments`, { body: 'My own comment' });
    await t.drain();
    const after = (await t.as(curator).get(`/v1/stories/${story.body.id}`)).body;
    expect({ ...after.scores, scoredAt: null }).toEqual({ ...before.scores, scoredAt: null });
    expect(after.counts).toEqual(before.counts);
  });

  it('lets a curator dismiss a hot spot with a reason; members may not read the queue', async () => {
    const story = await t
      .as(makeMember({ unit: 'it' }))
      .post('/v1/stories', { title: 'Dismiss me', body: 'x' });
    await engage(story.body.id, fiveUnits());
    await t.drain();
    expect((await t.as(makeMember()).get('/v1/hot-spots')).status).toBe(403);
    expect((await t.as(makeMember({ roles: ['hr'] })).get('/v1/hot-spots')).status).toBe(200);
    expect(
      (
        await t
          .as(makeMember({ roles: ['hr'] }))
          .post(`/v1/hot-spots/${story.body.id}/dismiss`, { reason: 'x' })
      ).status,
    ).toBe(403);
    expect((await t.as(curator).post(`/v1/hot-spots/${story.body.id}/dismiss`, {})).status).toBe(400);

    const dismissed = await t
      .as(curator)
      .post(`/v1/hot-spots/${story.body.id}/dismiss`, { reason: 'Already known company-wide' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      review: { by: curator.id, reason: 'Already known company-wide' },
    });
    const pending = await t.as(curator).get('/v1/hot-spots?status=pending');
    expect(pending.body.items.map((item: { story: { id: string } }) => item.story.id)).not.toContain(
      story.body.id,
    );
    const list = await t.as(curator).get('/v1/hot-spots?status=dismissed');
    expect(list.body.items.map((item: { story: { id: string } }) => item.story.id)).toContain(story.body.id);

    // Two months on, its engagement has cooled and it is no longer flagged: the queue still says where it spread.
    t.clock.advance(60 * 24 * 3_600_000);
    expect((await t.as(makeMember({ roles: ['admin'] })).post('/v1/admin/rescore')).status).toBe(202);
    await t.drain();
    const cooled = (await t.as(curator).get('/v1/hot-spots?status=dismissed')).body.items.find(
      (item: { story: { id: string } }) => item.story.id === story.body.id,
    );
    expect(cooled.story.hotSpot.flagged).toBe(false);
    expect(cooled.units).toHaveLength(5);
  });

  it('emails curators once when a pending hot spot enters the top 3, never twice', async () => {
    smtp.messages.length = 0;
    const story = await t
      .as(makeMember({ unit: 'it' }))
      .post('/v1/stories', { title: 'Mail-worthy practice', body: 'x' });
    await engage(story.body.id, fiveUnits());
    await t.drain();
    const admin = makeMember({ roles: ['admin'] });
    for (let i = 0; i < 3; i += 1) {
      expect((await t.as(admin).post('/v1/admin/rescore')).status).toBe(202);
      await t.drain();
    }
    const alerts = smtp.messages.filter((mail) => mail.subject?.includes('Mail-worthy practice'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('Why:');
    expect((alerts[0]!.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual([
      'curators@example.com',
      'lead@example.com',
    ]);
  });
});
