import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { databaseAnswers } from '@kf/db';

const StatusSchema = Type.Object({
  status: Type.String(),
  checks: Type.Optional(Type.Object({ postgres: Type.Boolean(), redis: Type.Boolean() })),
});

/** Readiness checks must answer within a probe's timeout even while a dependency hangs. */
const CHECK_TIMEOUT_MS = 1_500;

function withTimeout(check: Promise<boolean>): Promise<boolean> {
  return Promise.race([
    check,
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref()),
  ]);
}

/** Probes for orchestrators; no token. */
const operationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis } = app.deps;

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'The process lives',
        security: [],
        response: { 200: StatusSchema },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'PostgreSQL and Redis answer',
        security: [],
        response: { 200: StatusSchema, 503: StatusSchema },
      },
    },
    async (_request, reply) => {
      const [postgres, redisUp] = await Promise.all([
        withTimeout(databaseAnswers(db)),
        withTimeout(
          redis.ping().then(
            () => true,
            () => false,
          ),
        ),
      ]);
      const ready = postgres && redisUp;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'unavailable', checks: { postgres, redis: redisUp } });
    },
  );
};

export default operationsRoutes;
