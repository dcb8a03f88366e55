import { type Database, storyNeighbours, storyTerms, type StoryIndexMirror } from '@kf/db';
import { type Similar, storyTermCounts } from '@kf/domain';
import type { JobPayload, Queues } from '@kf/jobs';
import { enqueue } from '@kf/jobs';

/** Neighbours kept per story (story detail shows them, best first). */
export const NEIGHBOURS_PER_STORY = 10;
/**
 * story.index jobs taken at once per process: they wait in the batcher below, so what bounds the batch is
 * how many BullMQ hands over while the previous batch runs, not the database pool. 1,024 rather than 256: a
 * burst then arrives in batches of up to MAX_BATCH instead of about 130 (each batch costs a dozen round trips
 * whatever its size), 5,000 new stories index about a third faster.
 */
export const STORY_INDEX_CONCURRENCY = 1_024;
/** How long the first story of a batch waits for others: long enough for BullMQ to hand over a burst. */
const BATCH_WINDOW_MS = 5;
/**
 * Stories per batch at most: every job BullMQ has handed over. A batch of 1,024 rather than 500 costs fewer
 * passes over the lists it merges into, which later batches would rewrite again (5,000 new stories, two
 * processes: 1,303-1,314 against 1,175-1,214 stories/s in alternating runs; 2,000 of 2,048 gave 1,191-1,220,
 * the two processes then overlapping less). A deletion meanwhile waits for the batch's list writes under
 * their lock (0.1-0.4 s for batches of 500; longer for 1,024, not measured).
 */
const MAX_BATCH = STORY_INDEX_CONCURRENCY;
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
  // Indexed before: edited or deleted since.
  const editedOrDeleted = stories.filter((story) => story.indexed).map((story) => story.id);
  const linking = await storyNeighbours.listStoriesLinkingTo(db, editedOrDeleted);
  await storyTerms.upsertStoryTerms(db, [
    ...live.map((story, i) => ({
      storyId: story.id,
      ...packed[i]!,
      deleted: false,
    })),
    ...stories
      .filter((story) => story.deletedAt !== null)
      .map((story) => ({
        storyId: story.id,
        termIds: Buffer.alloc(0),
        counts: Buffer.alloc(0),
        deleted: true,
      })),
  ]);
  await mirror.sync();

  const { index } = mirror;
  const nearest = new Map(live.map((story) => [story.id, index.neighbours(story.id, NEIGHBOURS_PER_STORY)]));
  const recomputed = new Set([...stories.map((story) => story.id), ...linking]);
  const merged: MergedNeighbour[] = [];
  for (const [storyId, neighbours] of nearest) {
    for (const neighbour of neighbours) {
      if (!recomputed.has(neighbour.id))
        merged.push({ listId: neighbour.id, neighbour: { id: storyId, similarity: neighbour.similarity } });
    }
  }
  await writeLists(db, mirror, [...recomputed], nearest, merged);
  // Lists that keep an edited story show its new title (writeLists leaves lists whose ranking has not moved).
  // Should every retry fail after the terms above are stored, the next neighbours.refresh pass mends them.
  if (editedOrDeleted.length > 0)
    await underListsLock(db, (trx) => storyNeighbours.refreshSimilarStoriesHolding(trx, editedOrDeleted));
  await enqueue(queues, 'practices.recluster', {});
  if (mirror.changes - changesAtFullPass < FULL_PASS_AT_DRIFT * Math.max(1, index.size))
    return changesAtFullPass;
  await enqueue(queues, 'neighbours.refresh', {});
  return mirror.changes;
}

/** A story to merge into another story's list (`listId`'s), with its similarity to that story. */
interface MergedNeighbour {
  listId: string;
  neighbour: Similar;
}

/**
 * How far a stored similarity may be from the index's current one for its list to be left as it is: a full
 * pass then rewrites only the lists whose members, order or scores moved, not every list whose scores drifted
 * in the third decimal (writes, not neighbour queries, are what a pass costs).
 */
const SIMILARITY_TOLERANCE = 0.005;

/** Whether a stored list holds the same neighbours, in the same order, with about the same similarities. */
function sameList(stored: readonly Similar[], current: readonly Similar[]) {
  return (
    stored.length === current.length &&
    current.every(
      (neighbour, i) =>
        stored[i]!.id === neighbour.id &&
        Math.abs(stored[i]!.similarity - neighbour.similarity) <= SIMILARITY_TOLERANCE,
    )
  );
}

/**
 * `list` with `neighbour` in its place (best first, ties by id as the index ranks them), cut to `keep`;
 * `list` itself when the neighbour does not make the cut.
 */
function withNeighbour(list: readonly Similar[], neighbour: Similar, keep: number): readonly Similar[] {
  const ranked = [...list.filter((other) => other.id !== neighbour.id), neighbour]
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, keep);
  return ranked.includes(neighbour) ? ranked : list;
}

/**
 * Replaces the given lists with their current top 10 (`nearest` where already computed), leaving those stored
 * as they are now (sameList), and merges `merged` into other lists, in transactions of LISTS_PER_TRANSACTION
 * lists. The lists to replace are read before the lock: one another process rewrites meanwhile is rewritten
 * again or kept, as it would have been had this pass run a moment earlier. The lists merged into are read and
 * written back under the lock.
 */
async function writeLists(
  db: Database,
  mirror: StoryIndexMirror,
  lists: readonly string[],
  nearest: ReadonlyMap<string, Similar[]> = new Map(),
  merged: readonly MergedNeighbour[] = [],
) {
  for (let start = 0; start < lists.length || start === 0; start += LISTS_PER_TRANSACTION) {
    const chunk = lists.slice(start, start + LISTS_PER_TRANSACTION);
    const stored = await storyNeighbours.listNeighbourLists(db, chunk);
    const changed = new Map<string, readonly Similar[]>();
    for (const storyId of chunk) {
      const current = nearest.get(storyId) ?? mirror.index.neighbours(storyId, NEIGHBOURS_PER_STORY);
      if (!sameList(stored.get(storyId) ?? [], current)) changed.set(storyId, current);
    }
    const merging = start === 0 ? merged : [];
    if (changed.size > 0 || merging.length > 0)
      await underListsLock(db, async (trx) => {
        const targets = await storyNeighbours.listNeighbourLists(trx, [
          ...new Set(merging.map((merge) => merge.listId)),
        ]);
        for (const { listId, neighbour } of merging) {
          const list = changed.get(listId) ?? targets.get(listId) ?? [];
          const updated = withNeighbour(list, neighbour, NEIGHBOURS_PER_STORY);
          if (updated !== list) changed.set(listId, updated);
        }
        await storyNeighbours.saveNeighbourLists(trx, changed);
      });
    if (lists.length > LISTS_PER_TRANSACTION) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** `work` in a transaction holding the neighbour lists' lock (see lockNeighbourLists). */
function underListsLock(db: Database, work: (trx: Database) => Promise<void>) {
  return db.transaction().execute(async (trx) => {
    await storyNeighbours.lockNeighbourLists(trx);
    await work(trx);
  });
}

/**
 * neighbours.refresh: every stored list recomputed under the index's current weights (see indexBatch), and
 * every page copy of a list that went stale mended (an edit whose story.index gave up after storing its terms).
 */
export async function processNeighboursRefresh(db: Database, mirror: StoryIndexMirror) {
  await mirror.sync();
  const lists = [...mirror.index.ids()];
  await writeLists(db, mirror, lists);
  for (let start = 0; start < lists.length; start += LISTS_PER_TRANSACTION) {
    await underListsLock(db, (trx) =>
      storyNeighbours.refreshSimilarStoriesOf(trx, lists.slice(start, start + LISTS_PER_TRANSACTION)),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
}
