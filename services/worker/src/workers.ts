import { DelayedError, type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Database, StoryIndexMirror, WeeklyReportSettings } from '@kf/db';
import {
  GIVE_WAY_AT_MOST_MS,
  GIVE_WAY_RETRY_MS,
  JOBS,
  type JobName,
  type JobPayload,
  QUEUES,
  type Queues,
} from '@kf/jobs';
import type { Mailer } from '@kf/mail';
import { processPracticesRecluster } from './processors/practices-recluster.js';
import { processReportDeliver, processReportWeekly } from './processors/report-weekly.js';
import { processScoresRefresh } from './processors/scores-refresh.js';
import {
  createStoryIndexer,
  processNeighboursRefresh,
  STORY_INDEX_CONCURRENCY,
} from './processors/story-index.js';
import { createUnitSizes, processStoryScore } from './processors/story-score.js';

export interface WorkerDeps {
  db: Database;
  log: Logger;
  now: () => Date;
  /** Producers for jobs that enqueue follow-up jobs. */
  queues: Queues;
  mailer: Mailer;
  /** This process's in-memory text index, following the term counts in PostgreSQL. */
  mirror: StoryIndexMirror;
  curatorRecipients: string[];
  /** Where links in mail point. */
  publicUrl: string;
  reportSettings: WeeklyReportSettings;
  hrRecipients: string[];
}

export type Processors = { [N in JobName]: (payload: JobPayload<N>, job: Job) => Promise<unknown> };

/** One processor per catalog job; the type makes a missing one a compile error, the check below a start-up one. */
export function createProcessors(deps: WorkerDeps): Processors {
  const { db, mirror, queues, now } = deps;
  const unitSizes = createUnitSizes(db);
  const indexStory = createStoryIndexer(db, mirror, queues);
  return {
    'story.score': (payload) => processStoryScore(db, unitSizes, now, payload),
    'story.index': indexStory,
    'practices.recluster': () => processPracticesRecluster(db, mirror, now),
    'neighbours.refresh': () => processNeighboursRefresh(db, mirror),
    'scores.refresh': (payload) => processScoresRefresh({ ...deps, unitSizes }, payload),
    'report.weekly': (payload) => processReportWeekly(deps, payload),
    'report.deliver': (payload, job) => processReportDeliver(deps, payload, job),
  };
}

/** Refuses to start when a catalog job has no processor (immich's start-up check). */
export function assertEveryJobHasAProcessor(processors: Record<string, unknown>): void {
  const missing = Object.keys(JOBS).filter((name) => typeof processors[name] !== 'function');
  if (missing.length) throw new Error(`No processor for job(s): ${missing.join(', ')}`);
}

/**
 * Whether a job must wait for the queue it gives way to (see the catalog's `givesWayTo`): that queue has
 * jobs waiting, running or due soon, and this job was asked for less than GIVE_WAY_AT_MOST_MS ago.
 */
async function mustGiveWay(queues: Queues, job: Job): Promise<boolean> {
  const queue = JOBS[job.name as JobName]?.givesWayTo;
  if (!queue || Date.now() - job.timestamp >= GIVE_WAY_AT_MOST_MS) return false;
  const counts = await queues[queue].getJobCounts('waiting', 'prioritized', 'active', 'delayed');
  return Object.values(counts).some((count) => count > 0);
}

/** One BullMQ Worker per queue, dispatching by job name. */
export function startWorkers(
  deps: WorkerDeps,
  options: { connection: Redis; prefix: string; concurrency: number; lockMs?: number },
  processors: Processors = createProcessors(deps),
): Worker[] {
  assertEveryJobHasAProcessor(processors);
  return QUEUES.map((queue) => {
    const worker = new Worker(
      queue,
      async (job: Job, token?: string) => {
        const processor = processors[job.name as JobName] as
          ((payload: unknown, job: Job) => Promise<unknown>) | undefined;
        if (!processor) throw new Error(`No processor for job ${job.name}`);
        if (token && (await mustGiveWay(deps.queues, job))) {
          // The same job, later (its dedupe key held meanwhile): BullMQ's way to delay a job being processed.
          await job.moveToDelayed(Date.now() + GIVE_WAY_RETRY_MS, token);
          throw new DelayedError();
        }
        return processor(job.data, job);
      },
      {
        connection: options.connection,
        prefix: options.prefix,
        // story.index jobs wait in its batcher, so its queue takes many at once (see STORY_INDEX_CONCURRENCY).
        concurrency: queue === 'indexing' ? STORY_INDEX_CONCURRENCY : options.concurrency,
        ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
      },
    );
    worker.on('failed', (job, error) =>
      deps.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'),
    );
    worker.on('error', (error) => deps.log.error({ err: error, queue }, 'worker error'));
    return worker;
  });
}
