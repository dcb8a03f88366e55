import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import {
  DEFAULT_JOB_OPTIONS,
  JOBS,
  type JobName,
  type JobPayload,
  QUEUES,
  type QueueName,
  SCORES_REFRESH_EVERY_MS,
} from './catalog.js';

export type Queues = Record<QueueName, Queue>;

/**
 * A Redis connection for producers (the API): commands fail fast while Redis is away instead of waiting in an
 * offline queue, so a request can answer 503 rather than hang (BullMQ "going to production").
 */
export function createProducerConnection(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Commands issued in the same tick (a rate-limit check and enqueues of concurrent requests) share one write.
    enableAutoPipelining: true,
    connectTimeout: 2_000,
    ...options,
  });
  // Without a listener ioredis logs every reconnect failure as an unhandled error event.
  redis.on('error', () => undefined);
  return redis;
}

/** A Redis connection for BullMQ workers: blocking commands must never time out (maxRetriesPerRequest null). */
export function createWorkerConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves true once the connection is ready, false after the timeout (the caller decides whether to go on). */
export function connectionReady(redis: Redis, timeoutMs = 5_000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

export function createQueues(connection: Redis, prefix: string): Queues {
  return Object.fromEntries(
    QUEUES.map((name) => [
      name,
      new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
    ]),
  ) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobPayload<N>,
): Promise<void> {
  const job = JOBS[name];
  await queues[job.queue].add(name, payload, job.options(payload as never));
}

const COUNTED_STATES = ['waiting', 'prioritized', 'delayed', 'active'] as const;

/** Jobs per queue and state (delayed includes the schedulers' next runs), for /metrics. */
export async function queueCounts(queues: Queues) {
  const entries = await Promise.all(
    QUEUES.map(async (name) => [name, await queues[name].getJobCounts(...COUNTED_STATES)] as const),
  );
  return Object.fromEntries(entries) as Record<QueueName, Record<(typeof COUNTED_STATES)[number], number>>;
}

/** All jobs not finished per queue (waiting, delayed or active): what a test or the demo waits on. */
export async function queueDepths(queues: Queues): Promise<Record<QueueName, number>> {
  const counts = await queueCounts(queues);
  return Object.fromEntries(
    QUEUES.map((name) => [name, Object.values(counts[name]).reduce((sum, n) => sum + n, 0)]),
  ) as Record<QueueName, number>;
}

/** The periodic jobs, as BullMQ job schedulers: one schedule in Redis however many workers upsert it. */
export async function upsertSchedules(
  queues: Queues,
  report: { cron: string; timeZone: string },
): Promise<void> {
  await queues.reports.upsertJobScheduler(
    'report.weekly',
    { pattern: report.cron, tz: report.timeZone },
    { name: 'report.weekly', data: {} },
  );
  await queues.maintenance.upsertJobScheduler(
    'scores.refresh',
    { every: SCORES_REFRESH_EVERY_MS },
    { name: 'scores.refresh', data: { full: false } },
  );
}
