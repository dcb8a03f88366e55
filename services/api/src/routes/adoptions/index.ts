import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adoptions } from '@kf/db';
import { DomainError } from '@kf/domain';
import { Type } from 'typebox';
import { IdParams, Items, PageQuery, pageSize, problems } from '../../schemas/common.js';
import { requireLiveStory } from '../engagements/index.js';
import { type Adoption, AdoptionRef, CreateAdoptionBodySchema, UpdateAdoptionBodySchema } from './schemas.js';

function presentAdoption(row: adoptions.AdoptionRow): Adoption {
  return {
    id: row.id,
    storyId: row.storyId,
    member: { id: row.memberId, name: row.memberName, unit: row.unitSlug },
    unit: row.unitSlug,
    note: row.note,
    status: row.status as Adoption['status'],
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const LimitQuery = Type.Pick(PageQuery, ['limit']);

const adoptionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;

  app.post(
    '/stories/:id/adoptions',
    {
      schema: {
        tags: ['adoptions'],
        summary: '"I am trying this practice in my area": once per member and story',
        params: IdParams,
        body: CreateAdoptionBodySchema,
        response: { 200: AdoptionRef, 201: AdoptionRef, ...problems(400, 401, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      const story = await requireLiveStory(db, request.params.id);
      const created = await adoptions.insertAdoption(db, {
        storyId: story.id,
        memberId: caller.id,
        unitSlug: caller.unit,
        note: request.body.note ?? null,
        byAuthor: story.authorId === caller.id,
        createdAt: now(),
      });
      if (created) await app.enqueueStoryScore(story.id);
      const adoption = await adoptions.findMemberAdoption(db, story.id, caller.id);
      return reply.status(created ? 201 : 200).send(presentAdoption(adoption));
    },
  );

  app.get(
    '/stories/:id/adoptions',
    {
      schema: {
        tags: ['adoptions'],
        summary: 'Who is trying this practice, oldest first',
        params: IdParams,
        querystring: LimitQuery,
        response: { 200: Items(AdoptionRef), ...problems(400, 401, 404, 429) },
      },
    },
    async (request) => {
      await requireLiveStory(db, request.params.id);
      const rows = await adoptions.listStoryAdoptions(db, request.params.id, pageSize(request.query.limit));
      return { items: rows.map(presentAdoption) };
    },
  );

  app.patch(
    '/adoptions/:id',
    {
      schema: {
        tags: ['adoptions'],
        summary: "Follow one's own change initiative through (its member only)",
        params: IdParams,
        body: UpdateAdoptionBodySchema,
        response: { 200: AdoptionRef, ...problems(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request) => {
      const adoption = await adoptions.findAdoption(db, request.params.id);
      if (!adoption) throw new DomainError('adoption_not_found', `No adoption ${request.params.id}`);
      if (adoption.memberId !== request.caller.id) {
        throw new DomainError('forbidden', 'Only the member who adopted may change this adoption');
      }
      await adoptions.updateAdoption(db, adoption.id, request.body, now());
      if (request.body.status !== undefined) await app.enqueueStoryScore(adoption.storyId);
      return presentAdoption((await adoptions.findAdoption(db, adoption.id))!);
    },
  );

  app.get(
    '/me/adoptions',
    {
      schema: {
        tags: ['adoptions'],
        summary: "The caller's adoptions, newest first",
        querystring: LimitQuery,
        response: { 200: Items(AdoptionRef), ...problems(400, 401, 429) },
      },
    },
    async (request) => {
      const rows = await adoptions.listMemberAdoptions(db, request.caller.id, pageSize(request.query.limit));
      return { items: rows.map(presentAdoption) };
    },
  );
};

export default adoptionsRoutes;
