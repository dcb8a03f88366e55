import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Database, deleteStory, stories } from '@kf/db';
import { DomainError } from '@kf/domain';
import { type Caller, hasRole } from '../../plugins/auth.js';
import { idempotent } from '../../idempotency.js';
import { turnBatches } from '../../turn-batches.js';
import { asPayload, IdParams, NoContent, problems } from '../../schemas/common.js';
import {
  CreateStoryBodySchema,
  IdempotencyHeadersSchema,
  type Story,
  StoryRef,
  UpdateStoryBodySchema,
} from './schemas.js';

/** The row of a live story, or 404. */
function found<Row>(row: Row | undefined, id: string): Row {
  if (!row) throw new DomainError('story_not_found', `No story ${id}`);
  return row;
}

/** The story as the contract shows it, or 404. */
export async function loadStory(db: Database, id: string, now: Date): Promise<Story> {
  return found(await stories.findStory(db, id, now), id);
}

/** Only the author, a curator or an admin may change or delete a story. */
async function authoriseStoryChange(db: Database, id: string, caller: Caller) {
  const owner = found(await stories.findStoryOwner(db, id), id);
  if (owner.authorId !== caller.id && !hasRole(caller, 'curator', 'admin')) {
    throw new DomainError('forbidden', 'Only the author, a curator or an admin may change this story');
  }
}

const storiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;
  /** Story pages asked for in one turn of the event loop, read in one query (each as it stands then). */
  const storyPages = turnBatches(async (ids: readonly string[]) => {
    const pages = await stories.findStoryPages(db, ids, now());
    return ids.map((id) => pages.get(id));
  });

  app.post(
    '/stories',
    {
      schema: {
        tags: ['stories'],
        summary: 'Post a practice story',
        headers: IdempotencyHeadersSchema,
        body: CreateStoryBodySchema,
        response: { 200: StoryRef, 201: StoryRef, ...problems(400, 401, 413, 422, 429) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      const result = await idempotent(
        db,
        { memberId: caller.id, operation: 'stories.create', key: request.headers['idempotency-key'] },
        request.body,
        async (trx) => {
          const id = await stories.insertStory(trx, {
            authorId: caller.id,
            unitSlug: caller.unit,
            title: request.body.title,
            body: request.body.body,
            tags: request.body.tags ?? [],
            createdAt: now(),
          });
          return { statusCode: 201 as const, body: await loadStory(trx, id, now()) };
        },
      );
      if (result.fresh) await app.enqueueStoryChange(result.body.id);
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'A story with its similar stories',
        params: IdParams,
        response: { 200: StoryRef, ...problems(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      // Built as the schema's JSON by the query (stories.findStoryPages): sent as it comes, not serialised again.
      const page = found(await storyPages.load(id), id);
      return reply.type('application/json; charset=utf-8').send(asPayload(page));
    },
  );

  app.patch(
    '/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'Edit a story (author, curator, admin)',
        params: IdParams,
        body: UpdateStoryBodySchema,
        response: { 200: StoryRef, ...problems(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request) => {
      await authoriseStoryChange(db, request.params.id, request.caller);
      await stories.updateStory(db, request.params.id, request.body, now());
      await app.enqueueStoryChange(request.params.id);
      return loadStory(db, request.params.id, now());
    },
  );

  app.delete(
    '/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'Delete a story (author, curator, admin); it leaves the feed',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await authoriseStoryChange(db, request.params.id, request.caller);
      await deleteStory(db, request.params.id, now());
      await app.enqueueStoryChange(request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export default storiesRoutes;
