import { type Static, type TSchema, Type } from 'typebox';
import type { JobsOptions } from 'bullmq';

/**
 * The job catalog: every background job, its queue, its payload schema and its enqueue rules, in one place.
 * The API only enqueues through `enqueue()`; the worker has one processor per job and refuses to start
 * when one is missing. Every job is idempotent: it recomputes state from PostgreSQL, so a retry or a
 * duplicate changes nothing twice.
 */
/** `indexing` holds story.index alone: its worker batches many jobs at once, at a concurrency of its own. */
export const QUEUES = ['stories', 'indexing', 'maintenance', 'reports'] as const;
export type QueueName = (typeof QUEUES)[number];

const StoryPayload = Type.Object({ storyId: Type.String({ format: 'uuid' }) });

interface JobDefinition<P extends TSchema> {
  queue: QueueName;
  payload: P;
  /** BullMQ options for one enqueue of this payload (dedupe ids, delays). */
  options: (payload: Static<P>) => JobsOptions;
  /**
   * Waits while this queue has work (see `GIVE_WAY_AT_MOST_MS`): set on jobs that recompute from the whole
   * index, which a burst of indexing would make stale again as they ran, and slow down while running.
   */
  givesWayTo?: QueueName;
}

/** How long a job that gives way to a queue waits before it looks again. */
export const GIVE_WAY_RETRY_MS = 1_000;
/** A job gives way for at most this long after it was asked for, so steady traffic cannot starve it. */
export const GIVE_WAY_AT_MOST_MS = 30_000;

const define = <P extends TSchema>(definition: JobDefinition<P>) => definition;

/**
 * Coalesces enqueues of one key within `windowMs` into one job. The job is delayed by the same span as the
 * dedupe key lives, so it only runs after its key expired: an event arriving while it runs enqueues a new job
 * instead of being folded into one that already read the data.
 */
const coalesced = (id: string, windowMs: number): JobsOptions => ({
  delay: windowMs,
  deduplication: { id, ttl: windowMs },
});

/** Events on one story within this window share one recomputation. */
export const STORY_COALESCE_MS = 1_000;
/** Re-clustering reads every link; stories indexed within this window share one run. */
export const RECLUSTER_COALESCE_MS = 2_000;
/** Scores decay and hot spots rise and fall with time: re-rank every 5 minutes (Discourse: every 10). */
export const SCORES_REFRESH_EVERY_MS = 5 * 60_000;

export const JOBS = {
  /** Recompute a story's counts and scores from its events. */
  'story.score': define({
    queue: 'stories',
    payload: StoryPayload,
    options: ({ storyId }) => coalesced(`story.score:${storyId}`, STORY_COALESCE_MS),
  }),
  /** A story was created, edited or deleted: its terms, its nearest neighbours (and theirs). */
  'story.index': define({
    queue: 'indexing',
    payload: StoryPayload,
    options: ({ storyId }) => coalesced(`story.index:${storyId}`, STORY_COALESCE_MS),
  }),
  /** Regroup stories into practices, keeping practice ids stable. */
  'practices.recluster': define({
    queue: 'maintenance',
    payload: Type.Object({}),
    options: () => coalesced('practices.recluster', RECLUSTER_COALESCE_MS),
    givesWayTo: 'indexing',
  }),
  /**
   * Recompute every stored neighbour list under the index's current weights: story.index asks for it once the
   * stories changed since the last pass reach a tenth of the corpus (document frequencies drift). Every worker
   * process counts the changes it sees and asks at about the same moment, so one pass at a time, waiting or
   * running, answers them all: the key lives until the pass ends. A pass costs a neighbour query per story,
   * and two at once would also fight over the lists' lock; changes made during a pass count towards the next.
   */
  'neighbours.refresh': define({
    queue: 'maintenance',
    payload: Type.Object({}),
    options: () => ({ delay: RECLUSTER_COALESCE_MS, deduplication: { id: 'neighbours.refresh' } }),
    givesWayTo: 'indexing',
  }),
  /** Re-score every story whose score can have moved, flag and unflag hot spots, tell curators. */
  'scores.refresh': define({
    queue: 'maintenance',
    payload: Type.Object({
      full: Type.Boolean({ description: 'Every live story, not only recently active ones' }),
    }),
    options: ({ full }) => coalesced(`scores.refresh:${full ? 'full' : 'recent'}`, 500),
  }),
  /** Build the weekly spread report (the last complete week unless named) and queue its deliveries. */
  'report.weekly': define({
    queue: 'reports',
    payload: Type.Object({ isoWeek: Type.Optional(Type.String({ pattern: '^\\d{4}-W\\d{2}$' })) }),
    options: () => ({}),
  }),
  /**
   * Send one week's report to one recipient (sequence 0; a forced resend 1, 2…). The job id is the delivery's
   * identity, so queuing it twice while it exists adds nothing; the delivery row makes it at most once.
   */
  'report.deliver': define({
    queue: 'reports',
    payload: Type.Object({
      isoWeek: Type.String(),
      recipient: Type.String(),
      sequence: Type.Integer({ minimum: 0 }),
    }),
    options: ({ isoWeek, recipient, sequence }) => ({
      jobId: `report.deliver.${isoWeek}.${Buffer.from(recipient).toString('base64url')}.${sequence}`,
      // SMTP refusing for a while: 1, 2, 4, 8, 16, 32 s, then the delivery is marked failed with the reason.
      attempts: 7,
      backoff: { type: 'exponential', delay: 1_000 },
    }),
  }),
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;

/** Defaults for every job: retries with backoff, bounded history so Redis does not grow without end. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
};
