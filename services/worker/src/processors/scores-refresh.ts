import { type Database, feedSnapshots, hotSpotReviews, stories, storyScores, storyTerms } from '@kf/db';
import { enqueue, type JobPayload, type Queues } from '@kf/jobs';
import { type Mailer, renderCuratorAlert } from '@kf/mail';
import { loadHotSpotsByAuthor, scoreStories } from './story-score.js';

/** Events older than this no longer move a score measurably (several half-lives): skip those stories. */
const ACTIVE_WINDOW_MS = 14 * 24 * 3_600_000;
/** Frozen feed rankings older than this are dropped; a reader holding such a cursor opens the feed again. */
const FEED_SNAPSHOT_TTL_MS = 3_600_000;
/**
 * Stories scored together during a refresh: large enough that the per-statement round trips vanish, small
 * enough that one batch's events (a few thousand rows, more with a viral story) sit comfortably in memory.
 */
const RESCORE_BATCH = 2_000;
/**
 * Batches in flight at once: while one batch's statements run, another is scored in JS. Three rather than
 * two: PostgreSQL and this process each wait on the other less (first refresh at 200k stories, alternating
 * runs: 8.9-10.6 s against 10.4-11.6 s; four gave no more).
 */
const RESCORE_PARALLELISM = 3;
/** Curators hear of a pending hot spot when it enters this many at the top (Mastodon: top 3). */
const ALERT_TOP = 3;

export interface ScoresRefreshDeps {
  db: Database;
  queues: Queues;
  mailer: Mailer;
  curatorRecipients: string[];
  publicUrl: string;
  unitSizes: () => Promise<Map<string, number>>;
  now: () => Date;
}

/**
 * The stories to rescore (ordered by author) cut into batches of about RESCORE_BATCH, never splitting an
 * author's stories: the author cap looks only at the author's own stories, so batches sharing no author can be
 * scored at the same time and still give what scoring one story after the other gives.
 */
function authorBatches<T extends { authorId: string }>(list: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  for (const story of list) {
    if (batch.length >= RESCORE_BATCH && story.authorId !== batch.at(-1)!.authorId) {
      batches.push(batch);
      batch = [];
    }
    batch.push(story);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Tells curators, once per story ever, about pending hot spots in the top 3. */
export async function alertCurators(
  { db, mailer, curatorRecipients, publicUrl }: ScoresRefreshDeps,
  at: Date,
) {
  if (curatorRecipients.length === 0) return;
  const top = await hotSpotReviews.listPendingHotSpotIds(db, ALERT_TOP);
  const barToBeat = top.length === ALERT_TOP ? top[ALERT_TOP - 1]!.hot : null;
  for (const [index, entry] of top.entries()) {
    if (!(await hotSpotReviews.claimNotification(db, entry.storyId, at))) continue;
    const story = await stories.findStory(db, entry.storyId, at);
    if (!story) continue;
    const message = renderCuratorAlert({
      storyTitle: story.title,
      authorName: story.author.name,
      unit: story.author.unit,
      rank: index + 1,
      hot: entry.hot,
      reasons: story.hotSpot.reasons,
      barToBeat,
      reviewUrl: `${publicUrl}/v1/hot-spots?status=pending`,
    });
    try {
      await mailer.send({ to: curatorRecipients, ...message });
    } catch (error) {
      // Not sent: give the claim back so the retried job tries again (at most once delivered, never lost).
      await hotSpotReviews.releaseNotification(db, entry.storyId);
      throw error;
    }
  }
}

/**
 * scores.refresh (every 5 minutes, and on POST /v1/admin/rescore with full): re-score stories whose scores
 * can have moved (time decay), which also repairs any story.score job lost while Redis was away; re-index
 * stories whose index job was lost; alert curators; re-cluster (practice hot spots depend on time too); drop
 * old feed snapshots. Together with events committed before any enqueue, this is our transactional outbox:
 * PostgreSQL is the source of truth and this job reconciles the derived state from it.
 */
export async function processScoresRefresh(deps: ScoresRefreshDeps, { full }: JobPayload<'scores.refresh'>) {
  const at = deps.now();
  const since = full ? null : new Date(at.getTime() - ACTIVE_WINDOW_MS);
  // Read beside the listing, while the batches cannot start yet:
  // - every author's hot spots, once (a query per batch was a tenth of a full refresh); batches share no
  //   author, so each keeps its authors' entries up to date for the rest of the refresh;
  // - for the reconciliation below, stories whose index job was lost (enqueue failed after the commit).
  const [toRescore, hotSpots, toReindex] = await Promise.all([
    storyScores.listStoriesToRescore(deps.db, since),
    loadHotSpotsByAuthor(deps.db),
    storyTerms.listStoriesToReindex(deps.db),
  ]);
  const batches = authorBatches(toRescore);
  await Promise.all(
    Array.from({ length: RESCORE_PARALLELISM }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift())
        await scoreStories(deps.db, deps.unitSizes, () => at, batch, hotSpots);
    }),
  );
  // Reconciliation: stories whose index job was lost are indexed now.
  for (const storyId of toReindex) await enqueue(deps.queues, 'story.index', { storyId });
  await alertCurators(deps, at);
  await feedSnapshots.deleteSnapshotsBefore(deps.db, new Date(at.getTime() - FEED_SNAPSHOT_TTL_MS));
  await enqueue(deps.queues, 'practices.recluster', {});
}
