import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { practices, stories } from '@kf/db';
import { DomainError } from '@kf/domain';
import { IdParams, pageSize, problems } from '../../schemas/common.js';
import { storiesInOrder } from '../feed/index.js';
import { type Practice, PracticeDetailSchema, PracticeListSchema, PracticesQuerySchema } from './schemas.js';

function presentPractice(row: practices.PracticeRow): Practice {
  return {
    id: row.id,
    label: row.label,
    terms: row.terms,
    storyCount: row.storyCount,
    unitCount: row.unitCount,
    units: row.units,
    hotSpot: row.hotSpotFlagged
      ? { flagged: true, since: row.hotSpotSince?.toISOString() ?? null, reasons: row.hotSpotReasons }
      : { flagged: false, since: null, reasons: [] },
    firstSeenAt: row.firstSeenAt.toISOString(),
  };
}

/** Practices: the same idea found in stories of several units. Every member may read them. */
const practicesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;

  app.get(
    '/practices',
    {
      schema: {
        tags: ['practices'],
        summary: 'Practices, those reaching the most business units first',
        querystring: PracticesQuerySchema,
        response: { 200: PracticeListSchema, ...problems(400, 401, 429) },
      },
    },
    async (request) => {
      const limit = pageSize(request.query.limit);
      const offset = Number(request.query.cursor ?? 0);
      const rows = await practices.listPractices(db, limit + 1, offset);
      return {
        items: rows.slice(0, limit).map(presentPractice),
        nextCursor: rows.length > limit ? String(offset + limit) : null,
      };
    },
  );

  app.get(
    '/practices/:id',
    {
      schema: {
        tags: ['practices'],
        summary: 'A practice with its stories and its change leaders across units',
        params: IdParams,
        response: { 200: PracticeDetailSchema, ...problems(400, 401, 404, 429) },
      },
    },
    async (request) => {
      const row = await practices.findPractice(db, request.params.id);
      if (!row) throw new DomainError('practice_not_found', `No practice ${request.params.id}`);
      const [storyIds, people] = await Promise.all([
        stories.listPracticeStoryIds(db, row.id),
        practices.listPracticePeople(db, row.id),
      ]);
      return {
        ...presentPractice(row),
        stories: await storiesInOrder(db, storyIds, now()),
        people: people.map((person) => ({
          member: { id: person.id, name: person.name, unit: person.unitSlug },
          unit: person.unitSlug,
          as: person.role as 'author' | 'adopter',
        })),
      };
    },
  );
};

export default practicesRoutes;
