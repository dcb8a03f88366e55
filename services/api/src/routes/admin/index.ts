import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { enqueue } from '@kf/jobs';
import { importAndEnqueue } from '../../bulk-import.js';
import { requireRole } from '../../plugins/auth.js';
import { problems } from '../../schemas/common.js';

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

const ImportResultSchema = Type.Object({
  imported: Type.Integer(),
  skipped: Type.Integer({ description: 'Lines already imported (same externalId) or already counted' }),
  errors: Type.Array(
    Type.Object({ line: Type.Integer({ description: 'Counted from 1' }), detail: Type.String() }),
  ),
});

/** Administration beyond business units: re-scoring (and, later, bulk import). */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (request) => requireRole(request.caller, 'admin'));
  // NDJSON is streamed line by line into the import: never buffered whole, so the body limit does not apply.
  app.addContentTypeParser(NDJSON_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/admin/import',
    {
      schema: {
        tags: ['administration'],
        summary: 'Bulk import NDJSON records (story, engagement, comment, adoption, amplification) (admin)',
        description:
          'Content-Type application/x-ndjson; idempotent by externalId; a bad line is reported and skipped whole.',
        response: { 200: ImportResultSchema, ...problems(400, 401, 403, 415, 429, 503) },
      },
    },
    async (request) => {
      const lines = createInterface({ input: request.body as Readable, crlfDelay: Infinity });
      const { imported, skipped, errors } = await importAndEnqueue(app.deps.db, app.deps.queues, lines, {
        now: app.deps.now(),
      });
      return { imported, skipped, errors };
    },
  );

  app.post(
    '/admin/rescore',
    {
      schema: {
        tags: ['administration'],
        summary: 'Re-score every story now (admin)',
        response: { 202: Type.Object({ queued: Type.Boolean() }), ...problems(401, 403, 429, 503) },
      },
    },
    async (_request, reply) => {
      // No fallback here: the admin asked for work now, so a Redis outage is a 503 to retry, not a silent skip.
      await enqueue(app.deps.queues, 'scores.refresh', { full: true });
      return reply.status(202).send({ queued: true });
    },
  );
};

export default adminRoutes;
