import type { FastifyBaseLogger } from 'fastify';
import { createDatabase } from '@kf/db';
import { closeQueues, connectionReady, createProducerConnection, createQueues } from '@kf/jobs';
import { buildApp } from './app.js';
import { type ApiConfig, DEVELOPMENT_JWT_SECRET } from './config.js';

export interface RunningApi {
  url: string;
  log: FastifyBaseLogger;
  /** Stops accepting, lets in-flight requests finish, then closes connections. */
  close(): Promise<void>;
}

/** Connects the dependencies, builds the app and listens (fastify/demo's server.ts). */
export async function startApi(config: ApiConfig): Promise<RunningApi> {
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: 'kf-api',
  });
  const redis = createProducerConnection(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  // Serve even when Redis is away at start (reads work; /readyz says 503), but don't race its first connect.
  await connectionReady(redis);
  const app = await buildApp(
    { config, db, redis, queues, now: () => new Date() },
    { level: config.LOG_LEVEL },
  );
  if (
    config.NODE_ENV === 'production' &&
    config.JWT_SECRET === DEVELOPMENT_JWT_SECRET &&
    !config.JWT_PUBLIC_KEY
  ) {
    app.log.warn(
      'JWT_SECRET is the development secret: anyone can sign tokens. Set JWT_SECRET or JWT_PUBLIC_KEY.',
    );
  }
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  return {
    url,
    log: app.log,
    async close() {
      await app.close();
      await closeQueues(queues);
      redis.disconnect();
      await db.destroy();
    },
  };
}
