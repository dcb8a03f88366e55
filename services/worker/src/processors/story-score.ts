import { type Database, members, stories, storyScores } from '@kf/db';
import { type EngagementKind, scoreStory } from '@kf/domain';
import type { JobPayload } from '@kf/jobs';

/** Unit sizes change slowly; one read serves a burst of scoring jobs. */
const UNIT_SIZES_TTL_MS = 60_000;

export function createUnitSizes(db: Database) {
  let cached: { at: number; sizes: Promise<Map<string, number>> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > UNIT_SIZES_TTL_MS)
      cached = { at: Date.now(), sizes: members.countMembersByUnit(db) };
    return cached.sizes;
  };
}

/**
 * story.score: counts recomputed from the event tables, then engagement, spread and hot scores with the
 * hot-spot flag and its reasons. Idempotent: derived from the events and `now`, never incremented.
 */
export async function processStoryScore(
  db: Database,
  unitSizes: () => Promise<Map<string, number>>,
  now: () => Date,
  { storyId }: JobPayload<'story.score'>,
) {
  const story = await stories.findStoryText(db, storyId);
  if (!story || story.deletedAt) return;
  await stories.recomputeStoryCounts(db, storyId);
  const [events, sizes, authorHotSpots] = await Promise.all([
    stories.listStoryEvents(db, storyId),
    unitSizes(),
    storyScores.listAuthorHotSpots(db, story.authorId),
  ]);
  const at = now();
  const score = scoreStory(
    {
      storyId,
      authorId: story.authorId,
      authorUnit: story.unitSlug,
      createdAt: story.createdAt,
      events: events.map((event) => ({
        kind: event.kind as EngagementKind,
        memberId: event.memberId,
        unit: event.unitSlug,
        at: event.createdAt,
        byAuthor: event.byAuthor,
        endorsement: event.endorsement,
      })),
      unitSizes: sizes,
    },
    at,
    // Anti-gaming: one author's near-copies cannot fill the hot spots.
    { authorHotSpots },
  );
  await storyScores.upsertStoryScore(db, storyId, score, at);
}
