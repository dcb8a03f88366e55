import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storyNeighbours } from '@kf/db';
import { makeMember, saveNeighbourList, useHarness } from '@kf/testing';

const t = useHarness();
const story = {
  title: 'Self-managed teams in Finance',
  body: 'We let the team plan its own quarter.',
  tags: ['teams'],
};

describe('POST /v1/stories', () => {
  it('creates a story with its author and empty counts', async () => {
    const alice = makeMember({ name: 'Alice', unit: 'finance' });
    const res = await t.as(alice).post('/v1/stories', story);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: story.title,
      body: story.body,
      tags: ['teams'],
      author: { id: alice.id, name: 'Alice', unit: 'finance' },
      counts: { views: 0, reactions: 0, comments: 0, shares: 0, adoptions: 0, units: 0 },
      scores: null,
      hotSpot: { flagged: false, since: null, reasons: [] },
      practice: null,
      amplification: null,
    });
    const read = await t.as(makeMember()).get(`/v1/stories/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: res.body.id, title: story.title, similar: [] });
  });

  it('answers 400 naming the field, as problem+json, and stores nothing', async () => {
    const member = makeMember();
    const res = await t.as(member).post('/v1/stories', { title: '', body: 'x' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      status: 400,
      code: 'validation_failed',
      type: expect.stringContaining('validation_failed'),
    });
    expect(res.body.detail).toContain('title');
    expect(res.body.errors[0].field).toBe('body.title');
    const count = await t.db
      .selectFrom('stories')
      .where('authorId', '=', member.id)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.as(makeMember()).post('/v1/stories', '{"title": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 without a token', async () => {
    const res = await t.as(undefined).post('/v1/stories', story);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const res = await t
      .as(makeMember())
      .post('/v1/stories', { title: 'big', body: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('ignores fields a member may not set (author, counts, scores)', async () => {
    const member = makeMember({ unit: 'sales' });
    const res = await t.as(member).post('/v1/stories', {
      ...story,
      author: { id: 'someone-else', name: 'Mallory', unit: 'board' },
      counts: { views: 1_000_000 },
      scores: { hot: 99 },
      amplification: { headline: 'free promotion' },
    });
    expect(res.status).toBe(201);
    expect(res.body.author.id).toBe(member.id);
    expect(res.body.counts.views).toBe(0);
    expect(res.body.scores).toBeNull();
    expect(res.body.amplification).toBeNull();
  });

  it('stores quotes, SQL fragments, HTML and emoji byte for byte', async () => {
    const tricky = {
      title: `O'Brien's "test" \\ '; DROP TABLE stories; --`,
      body: '<script>alert("x")</script> &amp; 🚀👩🏽‍💼 — naïve café \u0000'.replace('\u0000', '\u2028'),
      tags: ['<b>bold</b>', "it's", '😀'],
    };
    const created = await t.as(makeMember()).post('/v1/stories', tricky);
    expect(created.status).toBe(201);
    const read = await t.as(makeMember()).get(`/v1/stories/${created.body.id}`);
    expect(read.body.title).toBe(tricky.title);
    expect(read.body.body).toBe(tricky.body);
    expect(read.body.tags).toEqual(tricky.tags);
  });
});

describe('Idempotency-Key', () => {
  it('creates exactly one story when the same key is sent 20 times concurrently', async () => {
    const member = makeMember();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.as(member).post('/v1/stories', story, { 'idempotency-key': 'key-1' }),
      ),
    );
    const ids = new Set(responses.map((res) => res.body.id));
    expect(responses.every((res) => res.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    const rows = await t.db.selectFrom('stories').select('id').where('authorId', '=', member.id).execute();
    expect(rows).toHaveLength(1);
    expect(responses[0]!.body).toEqual(responses[19]!.body);
  });

  it('answers 422 for the same key with a different body, and creates nothing', async () => {
    const member = makeMember();
    await t.as(member).post('/v1/stories', story, { 'idempotency-key': 'key-2' });
    const res = await t
      .as(member)
      .post('/v1/stories', { ...story, title: 'Another' }, { 'idempotency-key': 'key-2' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    const rows = await t.db.selectFrom('stories').select('id').where('authorId', '=', member.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('scopes keys per member', async () => {
    const [a, b] = [makeMember(), makeMember()];
    const first = await t.as(a).post('/v1/stories', story, { 'idempotency-key': 'shared' });
    const second = await t.as(b).post('/v1/stories', story, { 'idempotency-key': 'shared' });
    expect(first.body.id).not.toBe(second.body.id);
  });
});

describe('GET/PATCH/DELETE /v1/stories/:id', () => {
  it('answers 404 for an unknown story and 400 for an id of the wrong shape', async () => {
    const member = makeMember();
    expect((await t.as(member).get('/v1/stories/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const wrong = await t.as(member).get('/v1/stories/not-a-uuid');
    expect(wrong.status).toBe(400);
    expect(wrong.body.detail).toContain('id');
  });

  it('answers pages asked for at once (read together) each with its own story, and 404 for those gone', async () => {
    const author = makeMember();
    const created = await Promise.all(
      Array.from({ length: 5 }, async (_, n) => {
        const res = await t.as(author).post('/v1/stories', { ...story, title: `Read together ${n}` });
        return res.body as { id: string; title: string };
      }),
    );
    const deleted = created[4]!;
    expect((await t.as(author).delete(`/v1/stories/${deleted.id}`)).status).toBe(204);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const ids = [...created.map((page) => page.id), unknown];
    // The same pages several times over, interleaved, all in flight together.
    const asked = Array.from({ length: 4 }, () => ids).flat();
    const answers = await Promise.all(asked.map((id) => t.as(makeMember()).get(`/v1/stories/${id}`)));
    answers.forEach((answer, n) => {
      const id = asked[n]!;
      if (id === unknown || id === deleted.id) {
        expect(answer.status).toBe(404);
        expect(answer.headers['content-type']).toContain('application/problem+json');
      } else {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ id, title: created.find((page) => page.id === id)!.title });
      }
    });
  });

  it('lets the author edit; another member gets 403 and the story is unchanged; a curator may edit', async () => {
    const author = makeMember();
    const { body: created } = await t.as(author).post('/v1/stories', story);
    const other = await t.as(makeMember()).patch(`/v1/stories/${created.id}`, { title: 'Hijacked' });
    expect(other.status).toBe(403);
    expect((await t.as(author).get(`/v1/stories/${created.id}`)).body.title).toBe(story.title);

    const own = await t.as(author).patch(`/v1/stories/${created.id}`, { title: 'Edited by author' });
    expect(own.status).toBe(200);
    expect(own.body.title).toBe('Edited by author');

    const curator = makeMember({ roles: ['member', 'curator'] });
    const curated = await t.as(curator).patch(`/v1/stories/${created.id}`, { tags: ['curated'] });
    expect(curated.status).toBe(200);
    expect(curated.body).toMatchObject({ title: 'Edited by author', tags: ['curated'] });
  });

  it('lets only the author, a curator or an admin delete; a deleted story is gone', async () => {
    const author = makeMember();
    const { body: created } = await t.as(author).post('/v1/stories', story);
    expect((await t.as(makeMember()).delete(`/v1/stories/${created.id}`)).status).toBe(403);
    expect((await t.as(makeMember()).get(`/v1/stories/${created.id}`)).status).toBe(200);
    const admin = makeMember({ roles: ['admin'] });
    expect((await t.as(admin).delete(`/v1/stories/${created.id}`)).status).toBe(204);
    expect((await t.as(author).get(`/v1/stories/${created.id}`)).status).toBe(404);
    expect((await t.as(author).delete(`/v1/stories/${created.id}`)).status).toBe(404);
  });

  it('lists similar stories best first, and stops listing a deleted one at once, before the worker rewrites', async () => {
    const [finance, sales] = [makeMember({ unit: 'finance' }), makeMember({ unit: 'sales' })];
    const post = async (member: ReturnType<typeof makeMember>, title: string) =>
      (await t.as(member).post('/v1/stories', { ...story, title })).body.id as string;
    const [page, nearest, next] = [
      await post(finance, 'Rolling forecasts'),
      await post(sales, 'Rolling forecasts in sales'),
      await post(finance, 'Forecasts every month'),
    ];
    // As story.index writes them (no worker runs in these tests).
    await saveNeighbourList(t.db, page, [
      [nearest, 0.8],
      [next, 0.6],
    ]);
    const before = await t.as(makeMember()).get(`/v1/stories/${page}`);
    expect(before.body.similar).toEqual([
      { id: nearest, title: 'Rolling forecasts in sales', unit: 'sales', otherUnit: true, similarity: 0.8 },
      { id: next, title: 'Forecasts every month', unit: 'finance', otherUnit: false, similarity: 0.6 },
    ]);

    expect((await t.as(sales).delete(`/v1/stories/${nearest}`)).status).toBe(204);
    const after = await t.as(makeMember()).get(`/v1/stories/${page}`);
    expect(after.body.similar.map((similar: { id: string }) => similar.id)).toEqual([next]);
  });

  it('deletes a story while a neighbour-list write holds the lists: waits for it, then mends what it wrote', async () => {
    const [finance, sales] = [makeMember({ unit: 'finance' }), makeMember({ unit: 'sales' })];
    const post = async (member: ReturnType<typeof makeMember>, title: string) =>
      (await t.as(member).post('/v1/stories', { ...story, title })).body.id as string;
    const [page, gone, kept] = [
      await post(finance, 'Rolling forecasts'),
      await post(sales, 'Forecasts in sales'),
      await post(finance, 'Monthly forecasts'),
    ];
    let deletion: Promise<{ status: number }> | undefined;
    // A story.index batch writing lists, as writeLists does: under the lock, the story still live when read.
    await t.db.transaction().execute(async (trx) => {
      await storyNeighbours.lockNeighbourLists(trx);
      await saveNeighbourList(trx, page, [
        [gone, 0.8],
        [kept, 0.6],
      ]);
      deletion = t.as(sales).delete(`/v1/stories/${gone}`);
      // The deletion waits for this transaction's lock before it commits.
      await expect
        .poll(
          async () =>
            (
              await sql<{ waiting: number }>`
                select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted`.execute(
                t.db,
              )
            ).rows[0]!.waiting,
        )
        .toBe(1);
    });
    expect((await deletion!).status).toBe(204);
    const after = await t.as(makeMember()).get(`/v1/stories/${page}`);
    expect(after.body.similar.map((similar: { id: string }) => similar.id)).toEqual([kept]);
  });
});
