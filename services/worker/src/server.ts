import pino from 'pino';
import { createDatabase } from '@kf/db';
import { createWorkerConnection } from '@kf/jobs';
import type { WorkerConfig } from './config.js';
import { startWorkers } from './workers.js';

export interface RunningWorker {
  log: pino.Logger;
  /** Lets active jobs finish (BullMQ worker.close), then closes connections. */
  close(): Promise<void>;
}

export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const log = pino({ level: config.LOG_LEVEL, name: 'worker' });
  const db = createDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: 'kf-worker',
  });
  const connection = createWorkerConnection(config.REDIS_URL);
  const workers = startWorkers(
    { db, log, now: () => new Date() },
    { connection, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY },
  );
  log.info({ queues: workers.map((worker) => worker.name) }, 'worker started');
  return {
    log,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      connection.disconnect();
      await db.destroy();
    },
  };
}
