import type { Database } from '../client.js';
import * as stories from '../repositories/stories.repository.js';
import * as storyNeighbours from '../repositories/story-neighbours.repository.js';

/**
 * Deletes a story (soft) and takes it out of the page copies of the lists holding it, in one transaction
 * under the neighbour lists' lock, so a story page never shows a deleted neighbour without looking for one
 * at every read. A story.index batch writing copies meanwhile either commits first (its copies are mended
 * here) or builds them after this commits, from stories that show this one deleted. story.index recomputes
 * the lists themselves later.
 */
export async function deleteStory(db: Database, id: string, at: Date) {
  await db.transaction().execute(async (trx) => {
    await storyNeighbours.lockNeighbourLists(trx);
    await stories.softDeleteStory(trx, id, at);
    await storyNeighbours.refreshSimilarStoriesHolding(trx, [id]);
  });
}
