import { type Static, type TSchema, Type } from 'typebox';
import type { JobsOptions } from 'bullmq';

/**
 * The job catalog: every background job, its queue, its payload schema and its enqueue rules, in one place.
 * The API only enqueues through `enqueue()`; the worker has one processor per job and refuses to start
 * when one is missing. Every job is idempotent: it recomputes state from PostgreSQL, so a retry or a
 * duplicate changes nothing twice.
 */
export const QUEUES = ['stories'] as const;
export type QueueName = (typeof QUEUES)[number];

const StoryPayload = Type.Object({ storyId: Type.String({ format: 'uuid' }) });

interface JobDefinition<P extends TSchema> {
  queue: QueueName;
  payload: P;
  /** BullMQ options for one enqueue of this payload (dedupe ids, delays). */
  options: (payload: Static<P>) => JobsOptions;
}

const define = <P extends TSchema>(definition: JobDefinition<P>) => definition;

/**
 * Coalescing window for per-story recomputation: events within it share one job. The job is delayed by the
 * same span as the dedupe key lives, so it only runs after its key expired: an event arriving while it runs
 * enqueues a new job instead of being folded into one that already read the data.
 */
export const STORY_COALESCE_MS = 1_000;

export const JOBS = {
  /** Recompute a story's counts (and, with the scoring worker, its scores) from its events. */
  'story.score': define({
    queue: 'stories',
    payload: StoryPayload,
    options: ({ storyId }) => ({
      delay: STORY_COALESCE_MS,
      deduplication: { id: `story.score:${storyId}`, ttl: STORY_COALESCE_MS },
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
