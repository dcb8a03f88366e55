import type { Worker } from 'bullmq';
import pino from 'pino';
import { createDatabase, StoryIndexMirror } from '@kf/db';
import {
  closeQueues,
  createProducerConnection,
  createQueues,
  createWorkerConnection,
  upsertSchedules,
} from '@kf/jobs';
import { createMailer } from '@kf/mail';
import type { Database } from '@kf/db';
import type { Queues } from '@kf/jobs';
import type { WorkerConfig } from './config.js';
import { type Processors, startWorkers, type WorkerDeps } from './workers.js';

export interface RunningWorker {
  log: pino.Logger;
  /** One BullMQ worker per queue. */
  workers: Worker[];
  /** Lets active jobs finish (BullMQ worker.close), then closes connections. */
  close(): Promise<void>;
}

/** The processors' dependencies from configuration; the index mirror is loaded from PostgreSQL here. */
export async function buildWorkerDeps(
  config: WorkerConfig,
  base: { db: Database; queues: Queues; log: pino.Logger; now: () => Date },
): Promise<WorkerDeps> {
  const mirror = new StoryIndexMirror(base.db);
  await mirror.sync();
  return {
    ...base,
    mailer: createMailer({ smtpUrl: config.SMTP_URL, outboxDir: config.OUTBOX_DIR, from: config.MAIL_FROM }),
    mirror,
    curatorRecipients: config.CURATOR_RECIPIENTS,
    publicUrl: config.PUBLIC_URL,
    reportSettings: { timeZone: config.REPORT_TZ, minUnitMembers: config.REPORT_MIN_UNIT_MEMBERS },
    hrRecipients: config.HR_REPORT_RECIPIENTS,
  };
}

export interface StartWorkerOptions {
  /** Other processors than the real ones (the benchmark measures BullMQ alone with no-op ones). */
  processors?: Processors;
  /** Upsert the periodic schedules (scores refresh, weekly report); off for benchmarks. */
  schedules?: boolean;
}

export async function startWorker(
  config: WorkerConfig,
  { processors, schedules = true }: StartWorkerOptions = {},
): Promise<RunningWorker> {
  const log = pino({ level: config.LOG_LEVEL, name: 'worker' });
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: 'kf-worker',
  });
  const connection = createWorkerConnection(config.REDIS_URL);
  const producer = createProducerConnection(config.REDIS_URL, {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 20,
  });
  const queues = createQueues(producer, config.QUEUE_PREFIX);
  const deps = await buildWorkerDeps(config, { db, queues, log, now: () => new Date() });
  if (schedules) await upsertSchedules(queues, { cron: config.REPORT_CRON, timeZone: config.REPORT_TZ });
  const workers = startWorkers(
    deps,
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      lockMs: config.JOB_LOCK_MS,
    },
    processors,
  );
  log.info(
    { queues: workers.map((worker) => worker.name), indexedStories: deps.mirror.index.size },
    'worker started',
  );
  return {
    log,
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await closeQueues(queues);
      deps.mailer.close();
      connection.disconnect();
      producer.disconnect();
      await db.destroy();
    },
  };
}
