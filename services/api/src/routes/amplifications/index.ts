import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { amplifications, type Database, hotSpotReviews, loadAmplificationSpread, stories } from '@kf/db';
import { DomainError } from '@kf/domain';
import { idempotent } from '../../idempotency.js';
import { type Caller, requireRole } from '../../plugins/auth.js';
import { IdParams, Items, NoContent, pageSize, problems } from '../../schemas/common.js';
import { IdempotencyHeadersSchema } from '../stories/schemas.js';
import {
  type Amplification,
  AmplificationDetailSchema,
  AmplificationRef,
  AmplificationsQuerySchema,
  AmplifyBodySchema,
  EditAmplificationBodySchema,
  SpreadQuerySchema,
  SpreadSchema,
} from './schemas.js';

const DAY_MS = 86_400_000;
/** A headline that nobody ends stays 14 days (Viva Engage requires an end date; ours has a default). */
const DEFAULT_EXPIRY_DAYS = 14;
/** A headline cannot be pinned for longer than a quarter. */
const MAX_EXPIRY_DAYS = 90;

function presentAmplification(row: amplifications.AmplificationRow, now: Date): Amplification {
  return {
    id: row.id,
    storyId: row.storyId,
    headline: row.headline,
    summary: row.summary,
    curator: { id: row.curatorId, name: row.curatorName, unit: row.curatorUnit },
    amplifiedAt: row.amplifiedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    active: row.withdrawnAt === null && row.expiresAt > now,
  };
}

/** The expiry of a headline: after now, at most 90 days ahead; 400 naming the field otherwise. */
function expiryFrom(raw: string | undefined, now: Date): Date {
  if (raw === undefined) return new Date(now.getTime() + DEFAULT_EXPIRY_DAYS * DAY_MS);
  const expiresAt = new Date(raw);
  if (expiresAt <= now || expiresAt.getTime() > now.getTime() + MAX_EXPIRY_DAYS * DAY_MS) {
    throw new DomainError(
      'validation_failed',
      `body.expiresAt must be in the future and at most ${MAX_EXPIRY_DAYS} days ahead`,
    );
  }
  return expiresAt;
}

async function loadAmplification(db: Database, id: string) {
  const row = await amplifications.findAmplification(db, id);
  if (!row) throw new DomainError('amplification_not_found', `No amplification ${id}`);
  return row;
}

const curate = (caller: Caller) => requireRole(caller, 'curator', 'admin');
const readCuration = (caller: Caller) => requireRole(caller, 'curator', 'admin', 'hr');

/** Curators amplify stories into headlines; the service follows adoption across units from then on. */
const amplificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;

  app.post(
    '/stories/:id/amplify',
    {
      schema: {
        tags: ['curation'],
        summary: 'Amplify a story into a headline (curator, admin)',
        params: IdParams,
        headers: IdempotencyHeadersSchema,
        body: AmplifyBodySchema,
        response: { 201: AmplificationRef, ...problems(400, 401, 403, 404, 409, 413, 422, 429) },
      },
    },
    async (request, reply) => {
      const { caller } = request;
      curate(caller);
      const at = now();
      const expiresAt = expiryFrom(request.body.expiresAt, at);
      const result = await idempotent(
        db,
        {
          memberId: caller.id,
          operation: `amplifications.create:${request.params.id}`,
          key: request.headers['idempotency-key'],
        },
        request.body,
        async (trx) => {
          // The story's row lock makes "one active amplification per story" hold under concurrent curators.
          const story = await stories.lockStory(trx, request.params.id);
          if (!story) throw new DomainError('story_not_found', `No story ${request.params.id}`);
          if (await amplifications.findActiveAmplification(trx, story.id, at)) {
            throw new DomainError(
              'amplification_active',
              'This story already has an active amplification; withdraw it first',
            );
          }
          const id = await amplifications.insertAmplification(trx, {
            storyId: story.id,
            headline: request.body.headline,
            summary: request.body.summary ?? null,
            curatorId: caller.id,
            amplifiedAt: at,
            expiresAt,
          });
          await amplifications.insertAudit(trx, {
            amplificationId: id,
            action: 'amplified',
            actorId: caller.id,
            at,
            detail: { headline: request.body.headline },
          });
          await hotSpotReviews.recordReview(trx, {
            storyId: story.id,
            status: 'amplified',
            reason: request.body.headline,
            reviewerId: caller.id,
            reviewedAt: at,
          });
          return {
            statusCode: 201 as const,
            body: presentAmplification(await loadAmplification(trx, id), at),
          };
        },
      );
      if (result.fresh) app.noteFeedChange();
      return reply.status(result.statusCode).send(result.body);
    },
  );

  app.get(
    '/amplifications',
    {
      schema: {
        tags: ['curation'],
        summary: 'Amplifications, newest first (curator, admin, hr)',
        querystring: AmplificationsQuerySchema,
        response: { 200: Items(AmplificationRef), ...problems(400, 401, 403, 429) },
      },
    },
    async (request) => {
      readCuration(request.caller);
      const at = now();
      const rows = await amplifications.listAmplifications(db, {
        active: request.query.active,
        now: at,
        limit: pageSize(request.query.limit),
      });
      return { items: rows.map((row) => presentAmplification(row, at)) };
    },
  );

  app.get(
    '/amplifications/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'An amplification with its audit log (curator, admin, hr)',
        params: IdParams,
        response: { 200: AmplificationDetailSchema, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      readCuration(request.caller);
      const row = await loadAmplification(db, request.params.id);
      const audit = await amplifications.listAudit(db, row.id);
      return {
        ...presentAmplification(row, now()),
        audit: audit.map((entry) => ({
          action: entry.action as 'amplified',
          actor: { id: entry.actorId, name: entry.actorName, unit: entry.actorUnit },
          at: entry.at.toISOString(),
          detail: entry.detail as Record<string, unknown>,
        })),
      };
    },
  );

  app.patch(
    '/amplifications/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'Edit a headline, its summary or its expiry (curator, admin)',
        params: IdParams,
        body: EditAmplificationBodySchema,
        response: { 200: AmplificationRef, ...problems(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request) => {
      curate(request.caller);
      const at = now();
      const row = await loadAmplification(db, request.params.id);
      const { expiresAt, ...text } = request.body;
      const changes = {
        ...text,
        ...(expiresAt === undefined ? {} : { expiresAt: expiryFrom(expiresAt, at) }),
      };
      await db.transaction().execute(async (trx) => {
        await amplifications.updateAmplification(trx, row.id, changes, at);
        await amplifications.insertAudit(trx, {
          amplificationId: row.id,
          action: 'edited',
          actorId: request.caller.id,
          at,
          detail: request.body,
        });
      });
      app.noteFeedChange();
      return presentAmplification(await loadAmplification(db, row.id), at);
    },
  );

  app.delete(
    '/amplifications/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'Withdraw a headline at once (curator, admin)',
        params: IdParams,
        response: { 200: AmplificationRef, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      curate(request.caller);
      const at = now();
      const row = await loadAmplification(db, request.params.id);
      if (row.withdrawnAt === null) {
        await db.transaction().execute(async (trx) => {
          await amplifications.updateAmplification(trx, row.id, { withdrawnAt: at }, at);
          await amplifications.insertAudit(trx, {
            amplificationId: row.id,
            action: 'withdrawn',
            actorId: request.caller.id,
            at,
          });
        });
      }
      app.noteFeedChange();
      return presentAmplification(await loadAmplification(db, row.id), at);
    },
  );

  app.post(
    '/amplifications/:id/dismiss',
    {
      schema: {
        tags: ['feed'],
        summary: 'Stop seeing this headline on top (any member)',
        params: IdParams,
        response: { 204: NoContent, ...problems(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      const row = await loadAmplification(db, request.params.id);
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (await amplifications.insertDismissal(trx, row.id, request.caller.id, at)) {
          await amplifications.insertAudit(trx, {
            amplificationId: row.id,
            action: 'dismissed',
            actorId: request.caller.id,
            at,
          });
        }
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/amplifications/:id/spread',
    {
      schema: {
        tags: ['curation'],
        summary: 'Adoption across units before and after amplifying, against similar stories never amplified',
        params: IdParams,
        querystring: SpreadQuerySchema,
        response: { 200: SpreadSchema, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      readCuration(request.caller);
      const at = now();
      const row = await loadAmplification(db, request.params.id);
      const { practiceStoryIds: _practice, ...spread } = await loadAmplificationSpread(
        db,
        row,
        at,
        request.query.bucket ?? 'day',
      );
      return { amplification: presentAmplification(row, at), ...spread };
    },
  );
};

export default amplificationsRoutes;
