// OWASP API3:2023 Broken Object Property Level Authorization (mass assignment): fields a member may not set are
// dropped from POST/PATCH bodies, and the stored rows show it.
import { describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();
const alice = makeMember({ name: 'Alice', unit: 'finance' });
const bob = makeMember({ name: 'Bob', unit: 'sales' });
const OTHER_ID = '5f1a8e3c-8c1d-4b7e-9c2a-0d3e4f5a6b7c';
const LONG_AGO = '2001-01-01T00:00:00.000Z';

/** Everything a story has that its author may not set. */
const forbidden = {
  id: OTHER_ID,
  author: { id: bob.id, name: 'Mallory', unit: 'board' },
  authorId: bob.id,
  unitSlug: 'board',
  scores: { engagement: 99, spread: 99, hot: 99, scoredAt: LONG_AGO },
  amplification: { id: OTHER_ID, headline: 'Free promotion', summary: null, amplifiedAt: LONG_AGO },
  counts: { views: 1_000_000, reactions: 5, comments: 5, shares: 5, adoptions: 5, units: 12 },
  viewCount: 1_000_000,
  hotSpot: { flagged: true, since: LONG_AGO, reasons: ['everyone loves it'] },
  practice: { id: OTHER_ID, label: 'x', storyCount: 9, unitCount: 9 },
  createdAt: LONG_AGO,
  updatedAt: LONG_AGO,
  deletedAt: LONG_AGO,
  externalId: 'hijack',
};

const storyRow = (id: string) =>
  t.db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function sideTables() {
  const count = async (table: 'amplifications' | 'storyScores' | 'hotSpotReviews' | 'engagements') =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    amplifications: await count('amplifications'),
    scores: await count('storyScores'),
    reviews: await count('hotSpotReviews'),
    engagements: await count('engagements'),
  };
}

function expectHonest(row: Awaited<ReturnType<typeof storyRow>>, since: Date) {
  expect(row.id).not.toBe(OTHER_ID);
  expect(row.authorId).toBe(alice.id);
  expect(row.unitSlug).toBe('finance');
  expect(row.deletedAt).toBeNull();
  expect(row.externalId).toBeNull();
  expect(row.practiceId).toBeNull();
  expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(since.getTime() - 1_000);
  expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(since.getTime() - 1_000);
}

describe('POST /v1/stories', () => {
  it('drops author, scores, amplification, counts, hotSpot, id and dates', async () => {
    const since = new Date();
    const before = await sideTables();
    const res = await t.as(alice).post('/v1/stories', { title: 'Honest', body: 'Honest.', ...forbidden });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Honest',
      author: { id: alice.id, name: 'Alice', unit: 'finance' },
      counts: { views: 0, reactions: 0, comments: 0, shares: 0, adoptions: 0, units: 0 },
      scores: null,
      hotSpot: { flagged: false, since: null, reasons: [] },
      practice: null,
      amplification: null,
    });
    expect(res.body.id).not.toBe(OTHER_ID);
    expect(res.body.createdAt).not.toBe(LONG_AGO);
    expectHonest(await storyRow(res.body.id), since);
    expect(await t.db.selectFrom('stories').select('id').where('id', '=', OTHER_ID).execute()).toEqual([]);
    expect(await sideTables()).toEqual(before);
  });
});

describe('PATCH /v1/stories/:id', () => {
  it('changes title, body and tags only', async () => {
    const since = new Date();
    const created = await t.as(alice).post('/v1/stories', { title: 'Mine', body: 'Mine.' });
    const before = await sideTables();
    const res = await t
      .as(alice)
      .patch(`/v1/stories/${created.body.id}`, { title: 'Still mine', tags: ['ok'], ...forbidden });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.body.id,
      title: 'Still mine',
      tags: ['ok'],
      author: { id: alice.id, unit: 'finance' },
      createdAt: created.body.createdAt,
      scores: null,
      amplification: null,
      hotSpot: { flagged: false },
    });
    const row = await storyRow(created.body.id);
    expectHonest(row, since);
    expect(row.createdAt.toISOString()).toBe(created.body.createdAt);
    expect(await sideTables()).toEqual(before);
  });

  it("an `id` in the body does not redirect the edit to another member's story", async () => {
    const bobs = await t.as(bob).post('/v1/stories', { title: "Bob's", body: "Bob's." });
    const bobsBefore = await storyRow(bobs.body.id);
    const alices = await t.as(alice).post('/v1/stories', { title: "Alice's", body: "Alice's." });
    const res = await t
      .as(alice)
      .patch(`/v1/stories/${alices.body.id}`, { id: bobs.body.id, title: 'Overwritten' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(alices.body.id);
    expect(await storyRow(bobs.body.id)).toEqual(bobsBefore);
  });
});

describe('PATCH /v1/adoptions/:id', () => {
  it('cannot move an adoption to another story or member', async () => {
    const first = await t.as(bob).post('/v1/stories', { title: 'First', body: 'x' });
    const second = await t.as(bob).post('/v1/stories', { title: 'Second', body: 'x' });
    const adoption = await t.as(alice).post(`/v1/stories/${first.body.id}/adoptions`, { note: 'Trying' });
    expect(adoption.status).toBe(201);
    const res = await t.as(alice).patch(`/v1/adoptions/${adoption.body.id}`, {
      status: 'adopted',
      storyId: second.body.id,
      member: { id: bob.id, name: 'Bob', unit: 'sales' },
      memberId: bob.id,
      unit: 'board',
      unitSlug: 'board',
      byAuthor: true,
      id: OTHER_ID,
      createdAt: LONG_AGO,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: adoption.body.id,
      storyId: first.body.id,
      member: { id: alice.id, unit: 'finance' },
      unit: 'finance',
      status: 'adopted',
      createdAt: adoption.body.createdAt,
    });
    const row = await t.db
      .selectFrom('adoptions')
      .selectAll()
      .where('id', '=', adoption.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      storyId: first.body.id,
      memberId: alice.id,
      unitSlug: 'finance',
      byAuthor: false,
      status: 'adopted',
    });
    expect(row.createdAt.toISOString()).toBe(adoption.body.createdAt);
    const onSecond = await t.db
      .selectFrom('adoptions')
      .select('id')
      .where('storyId', '=', second.body.id)
      .execute();
    expect(onSecond).toEqual([]);
  });
});

describe('other member-writable bodies', () => {
  it('a comment cannot claim an endorsement or another author', async () => {
    const story = await t.as(bob).post('/v1/stories', { title: 'Endorse me', body: 'x' });
    const res = await t.as(alice).post(`/v1/stories/${story.body.id}/comments`, {
      body: 'Great',
      endorsement: true,
      author: { id: bob.id, name: 'The CEO', unit: 'board' },
      createdAt: LONG_AGO,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ endorsement: false, author: { id: alice.id, unit: 'finance' } });
    expect(res.body.createdAt).not.toBe(LONG_AGO);
  });

  it('an engagement cannot be booked to another member or story', async () => {
    const story = await t.as(bob).post('/v1/stories', { title: 'Target', body: 'x' });
    const other = await t.as(bob).post('/v1/stories', { title: 'Other', body: 'x' });
    const res = await t.as(alice).post(`/v1/stories/${story.body.id}/engagements`, {
      kind: 'reaction',
      memberId: bob.id,
      storyId: other.body.id,
      byAuthor: true,
      createdAt: LONG_AGO,
    });
    expect(res.status).toBe(202);
    const rows = await t.db
      .selectFrom('engagements')
      .select(['storyId', 'memberId', 'byAuthor'])
      .where('storyId', 'in', [story.body.id, other.body.id])
      .execute();
    expect(rows).toEqual([{ storyId: story.body.id, memberId: alice.id, byAuthor: false }]);
  });
});

describe('typed JSON bodies', () => {
  it('answers 400 to a field of the wrong type instead of coercing it, and stores nothing', async () => {
    const stories = () =>
      t.db
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    const before = await stories();
    for (const body of [
      { title: ['An array'], body: 'Text.' },
      { title: 42, body: 'Text.' },
      { title: 'Fine', body: 'Text.', tags: 'not-an-array' },
    ]) {
      const res = await t.as(alice).post('/v1/stories', body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await stories()).toEqual(before);
  });

  it('still reads numbers from query strings', async () => {
    const res = await t.as(alice).get('/v1/feed?limit=3');
    expect(res.status).toBe(200);
  });
});
