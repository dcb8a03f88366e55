/**
 * A story's JSON is built by PostgreSQL (stories.repository), and the story page sends that text as it comes,
 * past fastify's serialiser: these tests hold it to the schema the API documents, in every state a story can
 * be in, and to the same values wherever a story is shown.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeMember, saveNeighbourList, useHarness } from '@kf/testing';

const t = useHarness();
const author = makeMember({ name: 'Ann "the" Author', unit: 'finance' });
const curator = makeMember({ name: 'Cara Curator', unit: 'hr', roles: ['curator'] });

let validate: ValidateFunction | undefined;

/** A value's differences from the API's Story schema, as its OpenAPI document states it (refs included). */
async function storySchemaErrors(value: unknown): Promise<string[]> {
  if (!validate) {
    const document = (await t.as(undefined).get('/docs/json')).body;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi');
    validate = ajv.compile({ $ref: 'openapi#/components/schemas/Story' });
  }
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

async function postStory(member = author, title = 'Stand-ups without a chair') {
  const res = await t.as(member).post('/v1/stories', {
    title,
    body: 'Quotes " and \\ backslashes,\ttabs,\nnew lines, <html> & emoji 🚀 stay as written.',
    tags: ['meetings', 'teams'],
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const ISO_MILLISECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('a story as the API shows it', () => {
  it('matches the schema before the worker has scored it, on its page and in the answer to its creation', async () => {
    const created = await t.as(author).post('/v1/stories', { title: 'Fresh', body: 'Not scored yet.' });
    expect(await storySchemaErrors(created.body)).toEqual([]);
    const page = await t.as(makeMember()).get(`/v1/stories/${created.body.id}`);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await storySchemaErrors(page.body)).toEqual([]);
    expect(page.body).toEqual({ ...created.body, similar: [] });
    // Fields in the schema's order, as fastify's serialiser wrote them.
    expect(Object.keys(page.body)).toEqual([
      'id',
      'title',
      'body',
      'tags',
      'createdAt',
      'updatedAt',
      'author',
      'counts',
      'scores',
      'hotSpot',
      'practice',
      'similar',
      'amplification',
    ]);
    expect(page.body.createdAt).toMatch(ISO_MILLISECONDS);
  });

  it('matches the schema scored, flagged, in a practice, amplified and with neighbours, one deleted', async () => {
    const storyId = await postStory();
    const itMember = makeMember({ unit: 'it' });
    const [neighbour, deleted] = [
      await postStory(makeMember({ unit: 'sales' }), 'Chairless stand-ups in sales'),
      await postStory(itMember, 'Gone soon'),
    ];
    await saveNeighbourList(t.db, storyId, [
      [deleted, 0.9],
      [neighbour, 0.7],
    ]);
    expect((await t.as(itMember).delete(`/v1/stories/${deleted}`)).status).toBe(204);
    // Microseconds as PostgreSQL's now() writes them: shown to the millisecond, cut as JavaScript's Date cuts.
    await sql`
      insert into story_scores (story_id, engagement, spread, hot, flagged, flagged_since, reasons, scored_at,
                                view_count, reaction_count, comment_count, share_count, adoption_count, unit_count)
      values (${storyId}, 12.5, 0.375, 3.25, true, '2026-11-30 09:15:42.123789+00',
              array['Adopted in 3 units', 'Engagement 4x the usual'], '2026-12-01 10:00:00.999999+00',
              40, 7, 3, 2, 3, 4)`.execute(t.db);
    const practice = await sql<{ id: string }>`
      insert into practices (label, first_seen_at, story_count, unit_count)
      values ('stand-ups · chairless', now(), 2, 2) returning id`.execute(t.db);
    await sql`update stories set practice_id = ${practice.rows[0]!.id} where id = ${storyId}`.execute(t.db);
    const amplified = await t.as(curator).post(`/v1/stories/${storyId}/amplify`, { headline: 'Try it' });
    expect(amplified.status).toBe(201);

    const page = await t.as(makeMember()).get(`/v1/stories/${storyId}`);
    expect(await storySchemaErrors(page.body)).toEqual([]);
    expect(page.body).toMatchObject({
      id: storyId,
      author: { id: author.id, name: 'Ann "the" Author', unit: 'finance' },
      counts: { views: 40, reactions: 7, comments: 3, shares: 2, adoptions: 3, units: 4 },
      scores: { engagement: 12.5, spread: 0.375, hot: 3.25, scoredAt: '2026-12-01T10:00:00.999Z' },
      hotSpot: {
        flagged: true,
        since: '2026-11-30T09:15:42.123Z',
        reasons: ['Adopted in 3 units', 'Engagement 4x the usual'],
      },
      practice: { id: practice.rows[0]!.id, label: 'stand-ups · chairless', storyCount: 2, unitCount: 2 },
      amplification: {
        id: amplified.body.id,
        headline: 'Try it',
        summary: null,
        amplifiedAt: amplified.body.amplifiedAt,
        curator: { id: curator.id, name: 'Cara Curator', unit: 'hr' },
      },
      similar: [
        {
          id: neighbour,
          title: 'Chairless stand-ups in sales',
          unit: 'sales',
          otherUnit: true,
          similarity: 0.7,
        },
      ],
    });
    expect(page.body.body).toBe(
      'Quotes " and \\ backslashes,\ttabs,\nnew lines, <html> & emoji 🚀 stay as written.',
    );

    // The same story in a list (parsed, then serialised by fastify): the same values, less the neighbours.
    const { similar: _similar, ...story } = page.body;
    const feed = await t.as(makeMember()).get('/v1/feed');
    expect(feed.body.headlines).toEqual([story]);
    const edited = await t.as(author).patch(`/v1/stories/${storyId}`, { title: page.body.title });
    expect(edited.body).toEqual({ ...story, updatedAt: edited.body.updatedAt });
  });

  it('shows a flag taken down as not flagged, without its old reasons', async () => {
    const storyId = await postStory();
    await sql`
      insert into story_scores (story_id, engagement, spread, hot, flagged, flagged_since, reasons, scored_at)
      values (${storyId}, 1, 0, 0.5, false, null, array['stale reason'], now())`.execute(t.db);
    const page = await t.as(makeMember()).get(`/v1/stories/${storyId}`);
    expect(await storySchemaErrors(page.body)).toEqual([]);
    expect(page.body.hotSpot).toEqual({ flagged: false, since: null, reasons: [] });
    expect(page.body.scores.scoredAt).toMatch(ISO_MILLISECONDS);
  });
});
