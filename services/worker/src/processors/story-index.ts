import { type Database, storySimilarities, storyTerms, stories, type StoryIndexMirror } from '@kf/db';
import { storyTermCounts } from '@kf/domain';
import type { JobPayload, Queues } from '@kf/jobs';
import { enqueue } from '@kf/jobs';

/** Neighbours kept per story (story detail shows them, best first). */
export const NEIGHBOURS_PER_STORY = 10;

/** The stored neighbours of one story, recomputed from the mirror's index. */
async function refreshNeighbours(db: Database, mirror: StoryIndexMirror, storyId: string) {
  const neighbours = mirror.index.neighbours(storyId, NEIGHBOURS_PER_STORY);
  await db.transaction().execute((trx) => storySimilarities.replaceSimilarities(trx, storyId, neighbours));
  return neighbours;
}

/**
 * story.index: store the story's term counts (or its removal), bring this process's index up to date, then
 * recompute its neighbours and those of the stories near it (it may now be in their top 10, or have left it).
 * Idempotent: everything is recomputed from the stored text.
 */
export async function processStoryIndex(
  db: Database,
  mirror: StoryIndexMirror,
  queues: Queues,
  { storyId }: JobPayload<'story.index'>,
) {
  const story = await stories.findStoryText(db, storyId);
  if (!story) return;
  const previousNeighbours = (await storySimilarities.listSimilarStories(db, storyId)).map((row) => row.id);
  const deleted = story.deletedAt !== null;
  await storyTerms.upsertStoryTerms(db, {
    storyId,
    unitSlug: story.unitSlug,
    termCounts: deleted ? {} : Object.fromEntries(storyTermCounts(story)),
    deleted,
  });
  await mirror.sync();
  const current = deleted
    ? []
    : (await refreshNeighbours(db, mirror, storyId)).map((neighbour) => neighbour.id);
  if (deleted) await storySimilarities.replaceSimilarities(db, storyId, []);
  for (const neighbourId of new Set([...previousNeighbours, ...current])) {
    if (mirror.index.has(neighbourId)) await refreshNeighbours(db, mirror, neighbourId);
  }
  await enqueue(queues, 'practices.recluster', {});
}
