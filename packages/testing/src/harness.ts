import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { type App, type ApiConfig, buildApp, loadApiConfig } from '@kf/api';
import { createDatabase, type Database } from '@kf/db';
import {
  closeQueues,
  connectionReady,
  createProducerConnection,
  createQueues,
  createWorkerConnection,
  queueDepths,
  type Queues,
} from '@kf/jobs';
import {
  buildWorkerDeps,
  loadWorkerConfig,
  startWorkers,
  type WorkerConfig,
  type WorkerDeps,
} from '@kf/worker';
import { cloneDatabase, databaseUrl, dropDatabases } from './databases.js';
import { type TestMember, signToken } from './members.js';

export const TEST_JWT_SECRET = 'test-secret-for-knowledge-feed-tests';

/** A controllable clock: real time until a test sets it. */
export class TestClock {
  private fixed: Date | undefined;
  now = (): Date => (this.fixed ? new Date(this.fixed) : new Date());
  set(at: Date | string) {
    this.fixed = new Date(at);
  }
  advance(ms: number) {
    this.fixed = new Date(this.now().getTime() + ms);
  }
}

export interface HarnessOptions {
  /** A fresh database for every test instead of one per file (tests that compare whole-database state). */
  databasePerTest?: boolean;
  /** Run the BullMQ workers in-process against the test's queues. */
  worker?: boolean;
  /** Environment overrides for the API configuration (e.g. RATE_LIMIT_PER_MINUTE). */
  apiEnv?: Record<string, string>;
  /** Worker environment overrides; a function when they are only known once the file's hooks ran (an SMTP port). */
  workerEnv?: Record<string, string> | (() => Record<string, string>);
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
}

/** Calls the app in-process as a member (fastify inject: the full request path, no socket). */
export interface ApiClient {
  get<T = any>(url: string, headers?: Record<string, string>): Promise<JsonResponse<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<JsonResponse<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse<T>>;
}

export interface Harness {
  db: Database;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  clock: TestClock;
  app: App;
  apiConfig: ApiConfig;
  workerConfig: WorkerConfig;
  queues: Queues;
  redis: Redis;
  as(member: TestMember | undefined): ApiClient;
  /** Waits until every queue of this test is empty (waiting, delayed and active). */
  drain(timeoutMs?: number): Promise<void>;
  /** What the worker's processors get, built as the worker builds it (for calling a processor directly). */
  workerDeps(): Promise<WorkerDeps>;
  /** Starts the workers in-process (index mirror loaded from the database); closed after the test. */
  startWorker(): Promise<Worker[]>;
}

async function removeKeys(redis: Redis, pattern: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

/**
 * The per-file harness: a database cloned from the migrated template for the file, and for each test its own
 * queue prefix, app, Redis connections and (optionally) workers, all closed and removed afterwards.
 */
export function useHarness(options: HarnessOptions = {}): Harness {
  const serverUrl = inject('serverUrl');
  const redisUrl = inject('redisUrl');
  const harness = { redisUrl } as Harness;
  const cleanups: Array<() => Promise<unknown> | unknown> = [];

  const openDatabase = async () => {
    const name = `${inject('runId')}_${randomBytes(4).toString('hex')}`;
    await cloneDatabase(serverUrl, inject('templateDatabase'), name);
    harness.databaseUrl = databaseUrl(serverUrl, name);
    harness.db = createDatabase({ url: harness.databaseUrl, poolSize: 20, applicationName: 'kf-test' });
    return async () => {
      await harness.db.destroy();
      await dropDatabases(serverUrl, [name]);
    };
  };
  let closeFileDatabase: (() => Promise<void>) | undefined;
  if (!options.databasePerTest) {
    beforeAll(async () => {
      closeFileDatabase = await openDatabase();
    });
    afterAll(() => closeFileDatabase?.());
  }

  beforeEach(async () => {
    if (options.databasePerTest) cleanups.push(await openDatabase());
    const queuePrefix = `kf-test-${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: harness.databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'silent',
    };
    const clock = new TestClock();
    const apiConfig = loadApiConfig({
      ...env,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_REQUESTS: 'false',
      ...options.apiEnv,
    });
    const workerEnv = typeof options.workerEnv === 'function' ? options.workerEnv() : options.workerEnv;
    // Mail without SMTP goes to a throw-away outbox; tests of mail set SMTP_URL to an in-process server.
    const workerConfig = loadWorkerConfig({
      ...env,
      OUTBOX_DIR: path.join(tmpdir(), queuePrefix),
      ...workerEnv,
    });
    const redis = createProducerConnection(redisUrl);
    if (!(await connectionReady(redis))) throw new Error(`Redis at ${redisUrl} does not answer`);
    const queues = createQueues(redis, queuePrefix);
    const app = await buildApp({ config: apiConfig, db: harness.db, redis, queues, now: clock.now });
    await app.ready();
    const workerConnection = createWorkerConnection(redisUrl);

    Object.assign(harness, { queuePrefix, clock, app, apiConfig, workerConfig, queues, redis });
    harness.workerDeps = () =>
      buildWorkerDeps(workerConfig, {
        db: harness.db,
        queues,
        log: pino({ level: 'silent' }),
        now: clock.now,
      });
    harness.startWorker = async () => {
      const deps = await harness.workerDeps();
      const workers = startWorkers(deps, {
        connection: workerConnection,
        prefix: queuePrefix,
        concurrency: 4,
        lockMs: workerConfig.JOB_LOCK_MS,
      });
      cleanups.push(() => Promise.all(workers.map((worker) => worker.close())));
      return workers;
    };
    // Run in reverse: workers (pushed later), the app, queues, this test's keys, then connections.
    cleanups.push(
      () => redis.disconnect(),
      () => workerConnection.disconnect(),
      () => removeKeys(redis, `${queuePrefix}:*`),
      () => closeQueues(queues),
      () => app.close(),
    );
    if (options.worker) await harness.startWorker();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  harness.as = (member) => {
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const response = await harness.app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          ...(member ? { authorization: `Bearer ${signToken(member, TEST_JWT_SECRET)}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON (metrics, HTML): keep the text.
      }
      return { status: response.statusCode, headers: response.headers, body: parsed } as JsonResponse;
    };
    return {
      get: (path, headers) => call('GET', path, undefined, headers),
      delete: (path, headers) => call('DELETE', path, undefined, headers),
      post: (path, body, headers) => call('POST', path, body ?? {}, headers),
      patch: (path, body, headers) => call('PATCH', path, body ?? {}, headers),
      put: (path, body, headers) => call('PUT', path, body ?? {}, headers),
    };
  };

  harness.drain = async (timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    let emptyInARow = 0;
    while (emptyInARow < 2) {
      const depths = await queueDepths(harness.queues);
      if (Date.now() > deadline)
        throw new Error(`queues not drained within ${timeoutMs} ms: ${JSON.stringify(depths)}`);
      emptyInARow = Object.values(depths).every((depth) => depth === 0) ? emptyInARow + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return harness;
}
