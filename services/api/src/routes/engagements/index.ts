import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { comments, type Database, engagements, stories } from '@kf/db';
import { DomainError } from '@kf/domain';
import { Type } from 'typebox';
import { idempotent } from '../../idempotency.js';
import { hasRole } from '../../plugins/auth.js';
import { turnBatches } from '../../turn-batches.js';
import { IdParams, Items, PageQuery, pageSize, problems } from '../../schemas/common.js';
import { IdempotencyHeadersSchema } from '../stories/schemas.js';
import {
  type Comment,
  CommentBodySchema,
  CommentRef,
  EngagementBodySchema,
  EngagementResultSchema,
} from './schemas.js';

/** The story an event is about, or 404; deleted stories take no more events. */
export async function requireLiveStory(db: Database, id: string) {
  const story = await stories.findStoryOwner(db, id);
  if (!story) throw new DomainError('story_not_found', `No story ${id}`);
  return story;
}

function presentComment(row: Awaited<ReturnType<typeof comments.findComment>>): Comment {
  return {
    id: row.id,
    body: row.body,
    author: { id: row.memberId, name: row.memberName, unit: row.unitSlug },
    endorsement: row.endorsement,
    createdAt: row.createdAt.toISOString(),
  };
}

const engagementsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;
  /**
   * Engagements posted in one turn of the event loop, recorded in one statement. Should that statement fail,
   * each is recorded alone, so one that cannot be stored fails its own request only (a failed statement
   * stored nothing: none is counted twice).
   */
  const recorded = turnBatches(async (list: readonly engagements.LiveEngagement[]) => {
    try {
      return await engagements.recordEngagements(db, list);
    } catch (error) {
      if (list.length === 1) throw error;
      return Promise.all(
        list.map((engagement) =>
          engagements.recordEngagements(db, [engagement]).then(
            ([answer]) => answer,
            (failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))),
          ),
        ),
      );
    }
  });

  app.post(
    '/stories/:id/engagements',
    {
      schema: {
        tags: ['engagement'],
        summary: 'Record a view, reaction or share',
        params: IdParams,
        body: EngagementBodySchema,
        response: { 202: EngagementResultSchema, ...problems(400, 401, 404, 413, 429) },
      },
    },
    async (request, reply) => {
      const storyId = request.params.id;
      const result = await recorded.load({
        storyId,
        memberId: request.caller.id,
        unitSlug: request.caller.unit,
        kind: request.body.kind,
        createdAt: now(),
      });
      if (!result) throw new DomainError('story_not_found', `No story ${storyId}`);
      if (result.counted) await app.enqueueStoryScore(storyId);
      return reply.status(202).send({ counted: result.counted });
    },
  );

  app.post(
    '/stories/:id/comments',
    {
      schema: {
        tags: ['engagement'],
        summary: "Comment on a story; an executive's comment is an endorsement",
        params: IdParams,
        headers: IdempotencyHeadersSchema,
        body: CommentBodySchema,
        response: { 201: CommentRef, ...problems(400, 401, 404, 413, 422, 429) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      const story = await requireLiveStory(db, request.params.id);
      const result = await idempotent(
        db,
        {
          memberId: caller.id,
          operation: `comments.create:${story.id}`,
          key: request.headers['idempotency-key'],
        },
        request.body,
        async (trx) => {
          const id = await comments.insertComment(trx, {
            storyId: story.id,
            memberId: caller.id,
            unitSlug: caller.unit,
            body: request.body.body,
            endorsement: hasRole(caller, 'executive'),
            byAuthor: story.authorId === caller.id,
            createdAt: now(),
          });
          return { statusCode: 201 as const, body: presentComment(await comments.findComment(trx, id)) };
        },
      );
      if (result.fresh) await app.enqueueStoryScore(story.id);
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/stories/:id/comments',
    {
      schema: {
        tags: ['engagement'],
        summary: 'Comments on a story, executive endorsements first',
        params: IdParams,
        querystring: Type.Pick(PageQuery, ['limit']),
        response: { 200: Items(CommentRef), ...problems(400, 401, 404, 429) },
      },
    },
    async (request) => {
      await requireLiveStory(db, request.params.id);
      const rows = await comments.listComments(db, request.params.id, pageSize(request.query.limit));
      return { items: rows.map(presentComment) };
    },
  );
};

export default engagementsRoutes;
