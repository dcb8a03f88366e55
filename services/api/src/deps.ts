import type { Redis } from 'ioredis';
import type { Database } from '@kf/db';
import type { Queues } from '@kf/jobs';
import type { ApiConfig } from './config.js';

/** Everything the app needs from outside; main.ts builds it from config, tests build it from the harness. */
export interface AppDeps {
  config: ApiConfig;
  db: Database;
  redis: Redis;
  queues: Queues;
  /** The clock; tests and the demo control it. */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
