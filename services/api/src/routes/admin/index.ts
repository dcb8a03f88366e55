import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { enqueue } from '@kf/jobs';
import { requireRole } from '../../plugins/auth.js';
import { problems } from '../../schemas/common.js';

/** Administration beyond business units: re-scoring (and, later, bulk import). */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', async (request) => requireRole(request.caller, 'admin'));

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
