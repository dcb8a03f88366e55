import { type Database, stories } from '@kf/db';
import type { JobPayload } from '@kf/jobs';

/** story.score: counts recomputed from the event tables (idempotent: derived, never incremented). */
export async function processStoryScore(db: Database, { storyId }: JobPayload<'story.score'>) {
  await stories.recomputeStoryCounts(db, storyId);
}
