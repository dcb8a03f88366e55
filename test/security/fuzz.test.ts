// Property-based (fast-check): random and malformed story bodies, engagement bodies and import NDJSON lines
// always get a 2xx or a 4xx, never a 5xx; a 4xx changes no row, and a 2xx changes only what it reports.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeMember, useHarness } from '@kf/testing';

const t = useHarness();
const author = makeMember({ unit: 'finance' });
const admin = makeMember({ unit: 'it', roles: ['member', 'admin'] });
const NUM_RUNS = 200;

const TABLES = ['stories', 'engagements', 'comments', 'adoptions', 'amplifications'] as const;
async function rowCounts() {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    counts[table] = (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  }
  return counts;
}
const total = (counts: Awaited<ReturnType<typeof rowCounts>>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0);

/** The body as sent: JSON of a value, or raw text (often not JSON at all). */
const serialised = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/** Anything, including values of the wrong type where a field's type is known. */
const wrong = fc.oneof(
  fc.anything(),
  fc.string({ maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 50 }), { maxLength: 15 }),
  fc.object(),
);

const storyBody = fc.oneof(
  fc.anything(),
  fc.object(),
  fc.string(),
  fc.json(),
  fc.record(
    { title: wrong, body: wrong, tags: wrong, author: wrong, scores: wrong, id: wrong },
    { requiredKeys: [] },
  ),
  fc.record({
    title: fc.string({ maxLength: 210 }),
    body: fc.string({ maxLength: 50 }),
    tags: fc.array(fc.string({ maxLength: 45 }), { maxLength: 12 }),
  }),
);

const engagementBody = fc.oneof(
  fc.anything(),
  fc.object(),
  fc.string(),
  fc.json(),
  fc.record(
    { kind: fc.oneof(fc.constantFrom('view', 'reaction', 'share', 'like', '', 'VIEW', ' view'), wrong) },
    { requiredKeys: [] },
  ),
  fc.record({ kind: fc.constantFrom('view', 'reaction', 'share'), memberId: wrong, storyId: wrong }),
);

const isoInstant = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-13-45T99:99:99Z', 'yesterday', '', '2026-01-01'),
  wrong,
);
const importMember = fc.oneof(
  fc.record({
    sub: fc.string({ minLength: 1, maxLength: 12 }),
    unit: fc.constantFrom('finance', 'sales', 'Bad Unit'),
  }),
  wrong,
);
const importRecord = fc.record(
  {
    type: fc.oneof(fc.constantFrom('story', 'engagement', 'comment', 'adoption', 'amplification'), wrong),
    externalId: fc.oneof(
      fc.uuid().map((id) => `fuzz-${id}`),
      wrong,
    ),
    occurredAt: isoInstant,
    member: importMember,
    story: fc.oneof(fc.constantFrom('fuzz-target', 'no-such-story'), wrong),
    title: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), wrong),
    body: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), wrong),
    tags: fc.oneof(fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }), wrong),
    kind: fc.oneof(fc.constantFrom('view', 'reaction', 'share'), wrong),
    note: wrong,
    status: fc.oneof(fc.constantFrom('trying', 'adopted', 'dropped'), wrong),
    headline: fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), wrong),
    expiresAt: isoInstant,
  },
  { requiredKeys: [] },
);
const importLine = fc.oneof(
  importRecord.map((record) => JSON.stringify(record)),
  fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '   ', '{', '[]', 'null', '{"type":"story"}', '\u0000', '\ufeff{}'),
);

let storyId: Promise<string> | undefined;
beforeEach(async () => {
  storyId ??= (async () => {
    // A story the engagements aim at, and one the import's records may name by externalId.
    const res = await t.as(author).post('/v1/stories', { title: 'Target', body: 'Aim here.' });
    const imported = await t.as(admin).post(
      '/v1/admin/import',
      JSON.stringify({
        type: 'story',
        externalId: 'fuzz-target',
        occurredAt: '2026-01-01T00:00:00Z',
        member: { sub: 'fuzz-author', unit: 'sales' },
        title: 'Imported target',
        body: 'x',
      }) + '\n',
      { 'content-type': 'application/x-ndjson' },
    );
    expect(imported.body.imported).toBe(1);
    return res.body.id as string;
  })();
  await storyId;
});

describe('property-based: malformed bodies never give a 5xx, and a 4xx changes nothing', () => {
  it('POST /v1/stories', async () => {
    const member = makeMember({ unit: 'logistics' });
    await fc.assert(
      fc.asyncProperty(storyBody, async (value) => {
        const before = await rowCounts();
        const res = await t.as(member).post('/v1/stories', serialised(value));
        expect(res.status).toBeLessThan(500);
        const after = await rowCounts();
        if (res.status >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(after).toEqual(before);
        } else {
          expect(res.status).toBe(201);
          expect(after).toEqual({ ...before, stories: before.stories + 1 });
          expect(res.body.author.id).toBe(member.id);
          expect(res.body.title.length).toBeGreaterThan(0);
          expect(res.body.title.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: NUM_RUNS, examples: [[{ title: 'Valid', body: 'Valid.' }], ['{"title": '], [null]] },
    );
  }, 60_000);

  it('POST /v1/stories/:id/engagements', async () => {
    const target = await storyId!;
    await fc.assert(
      fc.asyncProperty(engagementBody, async (value) => {
        const before = await rowCounts();
        const res = await t.as(makeMember()).post(`/v1/stories/${target}/engagements`, serialised(value));
        expect(res.status).toBeLessThan(500);
        const after = await rowCounts();
        if (res.status >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(after).toEqual(before);
        } else {
          expect(res.status).toBe(202);
          expect(after).toEqual({ ...before, engagements: before.engagements + (res.body.counted ? 1 : 0) });
        }
      }),
      { numRuns: NUM_RUNS },
    );
  }, 60_000);

  it('POST /v1/admin/import NDJSON lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(importLine, { minLength: 1, maxLength: 8 }), async (lines) => {
        const before = await rowCounts();
        const res = await t
          .as(admin)
          .post('/v1/admin/import', lines.join('\n'), { 'content-type': 'application/x-ndjson' });
        expect(res.status).toBeLessThan(500);
        const after = await rowCounts();
        if (res.status >= 400) {
          expect(after).toEqual(before);
          return;
        }
        expect(res.status).toBe(200);
        const { imported, skipped, errors } = res.body as {
          imported: number;
          skipped: number;
          errors: Array<{ line: number; detail: string }>;
        };
        // Exactly what it reports was written: a bad line is never half-applied.
        expect(total(after) - total(before)).toBe(imported);
        const physicalLines = lines.join('\n').split(/\r?\n/).length;
        expect(imported + skipped + errors.length).toBeLessThanOrEqual(physicalLines);
        for (const error of errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(physicalLines);
          expect(typeof error.detail).toBe('string');
        }
      }),
      {
        numRuns: NUM_RUNS,
        // Always among the runs: good lines around bad ones, so the "exactly what it reports" check bites.
        examples: [
          [
            [
              JSON.stringify({
                type: 'story',
                externalId: 'fuzz-example-story',
                occurredAt: '2026-01-02T00:00:00Z',
                member: { sub: 'fuzz-example', unit: 'sales' },
                title: 'Example',
                body: 'x',
              }),
              '{"type":"engagement","externalId":"fuzz-e","occurredAt":12,"member":{},"story":"fuzz-target"}',
              JSON.stringify({
                type: 'engagement',
                externalId: 'fuzz-example-engagement',
                occurredAt: '2026-01-02T00:00:00Z',
                member: { sub: 'fuzz-example', unit: 'sales' },
                story: 'fuzz-target',
                kind: 'reaction',
              }),
              '{"type":"comment","externalId":"fuzz-c","occurredAt":"2026-01-02T00:00:00Z","member":{"sub":"x","unit":"sales"},"story":"fuzz-target","body":["x"]}',
            ],
          ],
        ],
      },
    );
  }, 90_000);
});
