import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childOutput, makeMember, useHarness } from '@kf/testing';

const t = useHarness({ worker: true, databasePerTest: true });
const admin = makeMember({ roles: ['admin'], unit: 'it' });
const ndjson = (records: object[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';
const importFile = (body: string) =>
  t.as(admin).post('/v1/admin/import', body, { 'content-type': 'application/x-ndjson' });

const alice = { sub: 'alice', name: 'Alice', unit: 'finance' };
const curator = { sub: 'carla', name: 'Carla', unit: 'people', roles: ['curator'] };
const ceo = { sub: 'ceo', name: 'The CEO', unit: 'board', roles: ['executive'] };
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 9, day, hour)).toISOString();

const everyType = [
  {
    type: 'story',
    externalId: 's1',
    occurredAt: at(1),
    member: alice,
    title: 'Walking one-on-ones',
    body: 'We walk.',
    tags: ['1:1'],
  },
  {
    type: 'engagement',
    externalId: 'e1',
    occurredAt: at(2),
    member: { sub: 'bob', unit: 'sales' },
    story: 's1',
    kind: 'view',
  },
  {
    type: 'engagement',
    externalId: 'e2',
    occurredAt: at(2),
    member: { sub: 'bob', unit: 'sales' },
    story: 's1',
    kind: 'reaction',
  },
  {
    type: 'comment',
    externalId: 'c1',
    occurredAt: at(3),
    member: ceo,
    story: 's1',
    body: 'Everyone should try this.',
  },
  {
    type: 'adoption',
    externalId: 'a1',
    occurredAt: at(4),
    member: { sub: 'dan', unit: 'hr' },
    story: 's1',
    note: 'Trying',
    status: 'adopted',
  },
  {
    type: 'amplification',
    externalId: 'm1',
    occurredAt: at(5),
    member: curator,
    story: 's1',
    headline: 'Walk and talk',
    expiresAt: at(20),
  },
];

async function tableCounts() {
  const counts: Record<string, number> = {};
  for (const table of [
    'stories',
    'engagements',
    'comments',
    'adoptions',
    'amplifications',
    'members',
  ] as const) {
    const row = await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

describe('POST /v1/admin/import', () => {
  it('imports every record type at its own time; a re-import skips everything and changes no row', async () => {
    t.clock.set(at(10));
    const first = await importFile(ndjson(everyType));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ imported: 6, skipped: 0, errors: [] });
    await t.drain();

    const [story] = await t.db.selectFrom('stories').select(['id', 'createdAt', 'externalId']).execute();
    expect(story!.createdAt.toISOString()).toBe(at(1));
    const detail = await t.as(makeMember()).get(`/v1/stories/${story!.id}`);
    expect(detail.body.counts).toMatchObject({ views: 1, reactions: 1, comments: 1, adoptions: 1, units: 3 });
    const comments = await t.as(makeMember()).get(`/v1/stories/${story!.id}/comments`);
    expect(comments.body.items[0]).toMatchObject({ endorsement: true, createdAt: at(3) });
    expect(detail.body.amplification).toMatchObject({ headline: 'Walk and talk', amplifiedAt: at(5) });

    const before = {
      counts: await tableCounts(),
      adoptions: await t.db.selectFrom('adoptions').selectAll().execute(),
    };
    const again = await importFile(ndjson(everyType));
    expect(again.body).toEqual({ imported: 0, skipped: 6, errors: [] });
    expect({
      counts: await tableCounts(),
      adoptions: await t.db.selectFrom('adoptions').selectAll().execute(),
    }).toEqual(before);
  });

  it('applies the good lines around a bad one and reports the bad one by number and field', async () => {
    t.clock.set(at(10));
    const lines = [
      JSON.stringify(everyType[0]),
      JSON.stringify({ ...everyType[1], kind: 'like' }),
      '{not json',
      JSON.stringify({ ...everyType[2], occurredAt: at(30) }),
      JSON.stringify({ ...everyType[4], story: 'missing-story' }),
      JSON.stringify(everyType[3]),
    ].join('\n');
    const res = await importFile(lines);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(2);
    expect(res.body.errors).toEqual([
      { line: 2, detail: expect.stringMatching(/^kind must be one of view, reaction, share/) },
      { line: 3, detail: 'not valid JSON' },
      { line: 4, detail: 'occurredAt is in the future' },
      { line: 5, detail: expect.stringContaining('missing-story') },
    ]);
    expect(await tableCounts()).toMatchObject({ stories: 1, engagements: 0, comments: 1, adoptions: 0 });
  });

  it('checks the calendar of the instants a record declares and ignores fields it does not declare', async () => {
    t.clock.set(at(10));
    const lines = [
      // A story has no expiresAt: an empty one is an unknown field, ignored (it once gave a 500).
      JSON.stringify({ ...everyType[0], expiresAt: '' }),
      JSON.stringify({ ...everyType[1], occurredAt: '2026-02-30T10:00:00Z' }),
      JSON.stringify({ ...everyType[5], expiresAt: '2026-10-20T25:00:00Z' }),
    ].join('\n');
    const res = await importFile(lines);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      imported: 1,
      skipped: 0,
      errors: [
        { line: 2, detail: 'occurredAt is not a valid date' },
        { line: 3, detail: 'expiresAt is not a valid date' },
      ],
    });
  });

  it('refuses members (403) and other content types (415)', async () => {
    const member = makeMember();
    expect(
      (
        await t
          .as(member)
          .post('/v1/admin/import', ndjson(everyType), { 'content-type': 'application/x-ndjson' })
      ).status,
    ).toBe(403);
    expect((await t.as(admin).post('/v1/admin/import', 'x', { 'content-type': 'text/csv' })).status).toBe(
      415,
    );
  });
});

describe('pnpm run import FILE', () => {
  /** The documented command, on this test's database and queues; its exit code and the summary it prints. */
  async function runImportCommand(file: string) {
    const child = spawn('pnpm', ['run', '--silent', 'import', file], {
      env: {
        ...process.env,
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: t.apiConfig.REDIS_URL,
        QUEUE_PREFIX: t.queuePrefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, stdout, stderr } = await childOutput(child);
    if (!stdout) throw new Error(`pnpm run import exited ${code} without a summary: ${stderr}`);
    return { code, summary: JSON.parse(stdout) };
  }

  it('imports a file, reports a bad line with exit code 1, and skips everything the second time', async () => {
    const file = path.join(tmpdir(), `${t.queuePrefix}-import.ndjson`);
    await writeFile(file, ndjson(everyType) + '{not json\n');
    try {
      const first = await runImportCommand(file);
      expect(first).toEqual({
        code: 1,
        summary: { imported: 6, skipped: 0, errors: [{ line: 7, detail: 'not valid JSON' }] },
      });
      expect(await tableCounts()).toMatchObject({ stories: 1, engagements: 2, comments: 1, adoptions: 1 });
      const again = await runImportCommand(file);
      expect(again.summary).toMatchObject({ imported: 0, skipped: 6 });
      await t.drain();
    } finally {
      await rm(file, { force: true });
    }
  });
});

describe('imported history', () => {
  it('gives the same scores and spread as the same events posted live at those times', async () => {
    const units = ['sales', 'hr', 'legal', 'ops'];
    const events = units.flatMap((unit, u) =>
      [0, 1, 2].map((i) => ({
        sub: `${unit}-${i}`,
        unit,
        day: 10 + u + i,
        kind: i % 2 ? 'reaction' : ('view' as const),
      })),
    );
    // Live: through the API with the clock at each event's time.
    const author = makeMember({ id: 'live-author', unit: 'finance' });
    t.clock.set(at(9));
    const live = await t
      .as(author)
      .post('/v1/stories', { title: 'Decision logs', body: 'We log decisions.' });
    for (const event of events) {
      t.clock.set(at(event.day));
      const member = makeMember({ id: `live-${event.sub}`, unit: event.unit });
      await t.as(member).post(`/v1/stories/${live.body.id}/engagements`, { kind: event.kind });
      await t.as(member).post(`/v1/stories/${live.body.id}/adoptions`, {});
    }
    t.clock.set(at(12));
    const liveAmplification = await t
      .as(makeMember({ id: 'live-curator', roles: ['curator'], unit: 'people' }))
      .post(`/v1/stories/${live.body.id}/amplify`, { headline: 'Log it', expiresAt: at(30) });
    // Imported: the same events as records.
    const records: object[] = [
      {
        type: 'story',
        externalId: 'h1',
        occurredAt: at(9),
        member: { sub: 'imp-author', unit: 'finance' },
        title: 'Decision logs',
        body: 'We log decisions.',
      },
      ...events.flatMap((event, i) => [
        {
          type: 'engagement',
          externalId: `he${i}`,
          occurredAt: at(event.day),
          member: { sub: `imp-${event.sub}`, unit: event.unit },
          story: 'h1',
          kind: event.kind,
        },
        {
          type: 'adoption',
          externalId: `ha${i}`,
          occurredAt: at(event.day),
          member: { sub: `imp-${event.sub}`, unit: event.unit },
          story: 'h1',
        },
      ]),
      {
        type: 'amplification',
        externalId: 'hm',
        occurredAt: at(12),
        member: { sub: 'imp-curator', unit: 'people', roles: ['curator'] },
        story: 'h1',
        headline: 'Log it',
        expiresAt: at(30),
      },
    ];
    t.clock.set(at(16));
    expect((await importFile(ndjson(records))).body.errors).toEqual([]);
    await t.as(admin).post('/v1/admin/rescore');
    await t.drain();

    const imported = await t.db
      .selectFrom('stories')
      .select('id')
      .where('externalId', '=', 'h1')
      .executeTakeFirstOrThrow();
    const [a, b] = await Promise.all(
      [live.body.id, imported.id].map((id) => t.as(admin).get(`/v1/stories/${id}`)),
    );
    expect(b!.body.counts).toEqual(a!.body.counts);
    expect({ ...b!.body.scores, scoredAt: 0 }).toEqual({ ...a!.body.scores, scoredAt: 0 });
    expect(b!.body.hotSpot).toEqual(a!.body.hotSpot);

    const importedAmplification = await t.db
      .selectFrom('amplifications')
      .select('id')
      .where('externalId', '=', 'hm')
      .executeTakeFirstOrThrow();
    const curatorView = makeMember({ roles: ['curator'] });
    const spreads = await Promise.all(
      [liveAmplification.body.id, importedAmplification.id].map((id) =>
        t.as(curatorView).get(`/v1/amplifications/${id}/spread`),
      ),
    );
    const strip = (body: { amplification: unknown; control: { stories: unknown } }) => ({
      ...body,
      amplification: null,
      control: { ...body.control, stories: null },
    });
    expect(strip(spreads[1]!.body)).toEqual(strip(spreads[0]!.body));
  });
});
