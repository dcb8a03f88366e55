import { type Database, storySimilarities, storyTerms, type StoryIndexMirror } from '@kf/db';
import { type Similar, storyTermCounts } from '@kf/domain';
import type { JobPayload, Queues } from '@kf/jobs';
import { enqueue } from '@kf/jobs';

/** Neighbours kept per story (story detail shows them, best first). */
export const NEIGHBOURS_PER_STORY = 10;
/**
 * story.index jobs taken at once per process: they wait in the batcher below, so what bounds the batch is
 * how many BullMQ hands over while the previous batch runs, not the database pool.
 */
export const STORY_INDEX_CONCURRENCY = 256;
/** How long the first story of a batch waits for others: long enough for BullMQ to hand over a burst. */
const BATCH_WINDOW_MS = 5;
/** Stories per batch at most, so one batch's statements and its retry stay small. */
const MAX_BATCH = 500;
/**
 * Every list is recomputed (neighbours.refresh) once the stories changed since the last full pass reach this
 * fraction of the corpus: the bound the index keeps on its own stale weights (StoryIndexMirror re-weights at
 * the same drift).
 */
const FULL_PASS_AT_DRIFT = 0.1;
/** Lists recomputed per transaction, yielding in between so BullMQ can renew its locks. */
const LISTS_PER_TRANSACTION = 2_000;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * story.index in batches: the jobs arriving within a few milliseconds (or while a batch runs) are indexed
 * together, with one read of their texts, one write of their terms, one sync of the index and set-based
 * writes of the neighbour lists. A job's promise settles when its batch has committed, so a failure fails,
 * and BullMQ retries, every job of the batch; each retry recomputes everything from the stored text
 * (idempotent). Batches run one at a time: they share this process's index.
 */
export function createStoryIndexer(db: Database, mirror: StoryIndexMirror, queues: Queues) {
  const pending = new Map<string, Waiter[]>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  /** The mirror's change count when the stored lists were last all computed (see indexBatch). */
  let changesAtFullPass = mirror.changes;

  const schedule = () => {
    if (running || timer || pending.size === 0) return;
    timer = setTimeout(runBatch, pending.size >= MAX_BATCH ? 0 : BATCH_WINDOW_MS);
  };

  async function runBatch() {
    timer = null;
    running = true;
    const batch = new Map([...pending].slice(0, MAX_BATCH));
    for (const id of batch.keys()) pending.delete(id);
    try {
      changesAtFullPass = await indexBatch(db, mirror, queues, [...batch.keys()], changesAtFullPass);
      for (const waiters of batch.values()) for (const { resolve } of waiters) resolve();
    } catch (error) {
      for (const waiters of batch.values()) for (const { reject } of waiters) reject(error);
    } finally {
      running = false;
      schedule();
    }
  }

  return (payload: JobPayload<'story.index'>) =>
    new Promise<void>((resolve, reject) => {
      const waiters = pending.get(payload.storyId) ?? [];
      waiters.push({ resolve, reject });
      pending.set(payload.storyId, waiters);
      schedule();
    });
}

/**
 * Indexes a batch; returns the mirror's change count as of the last full pass this process asked for.
 *
 * Which lists are recomputed, from the index (exact top 10s under its current weights):
 * - the batch's stories (a deleted one's list is dropped);
 * - the lists that held a batch story (it was edited or deleted, so it may no longer belong there);
 * - every list, by a neighbours.refresh job, once the stories changed since the last full pass reach
 *   FULL_PASS_AT_DRIFT of the corpus: similarities follow the document frequencies, which drift as the corpus
 *   changes. That pass costs one neighbour query per story, so it runs as one coalesced maintenance job in
 *   one process, not inside the batches of every process (a burst into a young corpus would otherwise pass
 *   over the whole corpus many times).
 * Every other list near a new or edited story gets it by merge: similarity is symmetric, so the story's score
 * in its own top 10 is its score in the neighbour's list, where it is inserted if it beats the 10th. So a
 * list holds its exact top 10 as of its last recomputation plus the stories merged since, all scored with
 * document frequencies less than FULL_PASS_AT_DRIFT of the corpus apart once the queued pass has run; a
 * restarted worker, or a job run again, finds the same lists within that drift
 * (test/worker/story-index.test.ts).
 */
async function indexBatch(
  db: Database,
  mirror: StoryIndexMirror,
  queues: Queues,
  storyIds: string[],
  changesAtFullPass: number,
): Promise<number> {
  const stories = await storyTerms.listStoryTexts(db, storyIds);
  if (stories.length === 0) return changesAtFullPass;
  const live = stories.filter((story) => story.deletedAt === null);
  const packed = await mirror.pack(live.map((story) => storyTermCounts(story)));
  const linking = await storySimilarities.listStoriesLinkingTo(
    db,
    stories.map((story) => story.id),
  );
  await storyTerms.upsertStoryTerms(db, [
    ...live.map((story, i) => ({
      storyId: story.id,
      unitSlug: story.unitSlug,
      ...packed[i]!,
      deleted: false,
    })),
    ...stories
      .filter((story) => story.deletedAt !== null)
      .map((story) => ({
        storyId: story.id,
        unitSlug: story.unitSlug,
        termIds: Buffer.alloc(0),
        counts: Buffer.alloc(0),
        deleted: true,
      })),
  ]);
  await mirror.sync();

  const { index } = mirror;
  const nearest = new Map(live.map((story) => [story.id, index.neighbours(story.id, NEIGHBOURS_PER_STORY)]));
  const recomputed = new Set([...stories.map((story) => story.id), ...linking]);
  const merged: storySimilarities.SimilarityRow[] = [];
  for (const [storyId, neighbours] of nearest) {
    for (const neighbour of neighbours) {
      if (!recomputed.has(neighbour.id))
        merged.push({ storyId: neighbour.id, similarId: storyId, similarity: neighbour.similarity });
    }
  }
  await writeLists(db, mirror, [...recomputed], nearest, merged);
  await enqueue(queues, 'practices.recluster', {});
  if (mirror.changes - changesAtFullPass < FULL_PASS_AT_DRIFT * Math.max(1, index.size))
    return changesAtFullPass;
  await enqueue(queues, 'neighbours.refresh', {});
  return mirror.changes;
}

/**
 * Replaces the given lists with their current top 10 (`nearest` where already computed) and merges the
 * `merged` links into other lists, trimming those back to 10, in transactions of LISTS_PER_TRANSACTION lists.
 */
async function writeLists(
  db: Database,
  mirror: StoryIndexMirror,
  lists: readonly string[],
  nearest: ReadonlyMap<string, Similar[]> = new Map(),
  merged: readonly storySimilarities.SimilarityRow[] = [],
) {
  for (let start = 0; start < lists.length || start === 0; start += LISTS_PER_TRANSACTION) {
    const chunk = lists.slice(start, start + LISTS_PER_TRANSACTION);
    const rows = chunk.flatMap((storyId) =>
      (nearest.get(storyId) ?? mirror.index.neighbours(storyId, NEIGHBOURS_PER_STORY)).map((neighbour) => ({
        storyId,
        similarId: neighbour.id,
        similarity: neighbour.similarity,
      })),
    );
    const merging = start === 0 ? merged : [];
    await db.transaction().execute(async (trx) => {
      await storySimilarities.lockSimilarities(trx);
      await storySimilarities.deleteSimilarityLists(trx, chunk);
      await storySimilarities.upsertSimilarities(trx, [...rows, ...merging]);
      await storySimilarities.trimSimilarityLists(
        trx,
        [...new Set(merging.map((row) => row.storyId))],
        NEIGHBOURS_PER_STORY,
      );
    });
    if (lists.length > LISTS_PER_TRANSACTION) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** neighbours.refresh: every stored list recomputed under the index's current weights (see indexBatch). */
export async function processNeighboursRefresh(db: Database, mirror: StoryIndexMirror) {
  await mirror.sync();
  await writeLists(db, mirror, [...mirror.unitOf.keys()]);
}
