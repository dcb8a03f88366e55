import { AjvCompiler } from '@fastify/ajv-compiler';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyServerOptions, LogController } from 'fastify';
import { enqueue } from '@kf/jobs';
import { trustProxySetting } from './config.js';
import type { AppDeps } from './deps.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin, problem } from './plugins/errors.js';
import { metricsPlugin } from './plugins/metrics.js';
import { SyncedRateLimitCounts } from './plugins/rate-limit-store.js';
import { openapiPlugin } from './plugins/openapi.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import adminRoutes from './routes/admin/index.js';
import adoptionsRoutes from './routes/adoptions/index.js';
import amplificationsRoutes from './routes/amplifications/index.js';
import { AmplificationSchema } from './routes/amplifications/schemas.js';
import { AdoptionSchema } from './routes/adoptions/schemas.js';
import businessUnitsRoutes from './routes/business-units/index.js';
import engagementsRoutes from './routes/engagements/index.js';
import feedRoutes from './routes/feed/index.js';
import hotSpotsRoutes from './routes/hot-spots/index.js';
import { CommentSchema } from './routes/engagements/schemas.js';
import operationsRoutes from './routes/operations/index.js';
import practicesRoutes from './routes/practices/index.js';
import reportsRoutes from './routes/reports/index.js';
import storiesRoutes from './routes/stories/index.js';
import { StorySchema } from './routes/stories/schemas.js';
import { ProblemSchema } from './schemas/common.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Recompute a story's counts and scores soon (coalesced); a Redis outage is logged, not fatal. */
    enqueueStoryScore(storyId: string): Promise<void>;
    /** A story was created, edited or deleted: re-index and re-score it (and note a feed change). */
    enqueueStoryChange(storyId: string): Promise<void>;
    /** Something the feed shows (a story, a headline) changed through this process. */
    noteFeedChange(): void;
    /** Feed changes through this process so far: what its feed caches key on. */
    feedChanges(): number;
  }
}

const validators = AjvCompiler();

/**
 * Query strings, path parameters and headers are text, coerced to their schema's types; a JSON body already
 * has types, so `{"title": ["x"]}` is refused instead of quietly becoming "x".
 */
const buildValidator: typeof validators = (externalSchemas, options) => {
  const coercing = validators(externalSchemas, options);
  const exact = validators(externalSchemas, {
    customOptions: { ...options?.customOptions, coerceTypes: false },
  });
  // Typed by the package as compiling a schema; fastify calls it with the route's schema definition.
  return ((route: { httpPart?: string }) =>
    (route.httpPart === 'body' ? exact : coercing)(route as never)) as ReturnType<typeof validators>;
};

/** Builds the API as a plugin tree; never listens and never reads process.env (fastify/demo's app.ts). */
export async function buildApp(deps: AppDeps, logger: FastifyServerOptions['logger'] = false) {
  const { config } = deps;
  const app = Fastify({
    logger,
    logController: new LogController({ disableRequestLogging: !config.LOG_REQUESTS }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Errors fastify raises before routing (an id over maxParamLength, bad percent-encoding) are problem+json too.
    frameworkErrors: (error, _request, reply) => {
      const body = { ...problem('validation_failed', error.message), status: error.statusCode ?? 400 };
      void (reply as FastifyReply).status(body.status).type('application/problem+json').send(body);
    },
    // fastify keeps idle keep-alive connections 72 s; a graceful shutdown waits for them, so keep it short.
    keepAliveTimeout: 5_000,
    trustProxy: trustProxySetting(config.TRUST_PROXY) as FastifyServerOptions['trustProxy'],
    // Deep or huge JSON is refused by the body limit; fastify's secure-json-parse already strips __proto__.
    ajv: { customOptions: { removeAdditional: 'all', allErrors: false } },
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  // Events are durable in PostgreSQL before this runs; a lost job is repaired by the periodic refresh.
  const enqueueOrLog = async (names: Array<'story.score' | 'story.index'>, storyId: string) => {
    try {
      await Promise.all(names.map((name) => enqueue(deps.queues, name, { storyId })));
    } catch (error) {
      app.log.warn(
        { err: error, storyId, jobs: names },
        'could not enqueue; the periodic refresh will catch up',
      );
    }
  };
  app.decorate('enqueueStoryScore', (storyId: string) => enqueueOrLog(['story.score'], storyId));
  let feedChanges = 0;
  app.decorate('feedChanges', () => feedChanges);
  app.decorate('noteFeedChange', () => {
    feedChanges += 1;
  });
  app.decorate('enqueueStoryChange', (storyId: string) => {
    feedChanges += 1;
    return enqueueOrLog(['story.index', 'story.score'], storyId);
  });

  // While shutting down, ask clients to close their connections after each answer instead of reusing them.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, { contentSecurityPolicy: false });
  // Without allowed origins there is nothing to answer: no hook on every request.
  if (config.CORS_ORIGINS.length)
    await app.register(cors, { origin: config.CORS_ORIGINS, credentials: true });
  await app.register(openapiPlugin);
  await app.register(metricsPlugin, { queues: deps.queues });
  for (const schema of [ProblemSchema, StorySchema, CommentSchema, AdoptionSchema, AmplificationSchema])
    app.addSchema(schema);

  await app.register(operationsRoutes);
  await app.register(authPlugin, {
    db: deps.db,
    secret: config.JWT_SECRET,
    publicKey: config.JWT_PUBLIC_KEY,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });

  await app.register(
    async (v1) => {
      v1.addHook('onRequest', v1.authenticate);
      const rateLimitCounts = new SyncedRateLimitCounts(deps.redis, `${config.QUEUE_PREFIX}:rate-limit:`);
      v1.addHook('onClose', () => rateLimitCounts.close());
      await v1.register(rateLimit, {
        // After authentication, so the limit is per member, shared by every API process through Redis.
        hook: 'preHandler',
        max: config.RATE_LIMIT_PER_MINUTE,
        timeWindow: 60_000,
        keyGenerator: (request) => request.caller?.id ?? request.ip,
        store: rateLimitCounts.storeClass(),
      });
      await v1.register(storiesRoutes);
      await v1.register(feedRoutes);
      await v1.register(practicesRoutes);
      await v1.register(hotSpotsRoutes);
      await v1.register(amplificationsRoutes);
      await v1.register(reportsRoutes);
      await v1.register(engagementsRoutes);
      await v1.register(adoptionsRoutes);
      await v1.register(businessUnitsRoutes);
      await v1.register(adminRoutes);
    },
    { prefix: '/v1' },
  );

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
