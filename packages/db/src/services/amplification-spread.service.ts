import { type AmplificationSpread, computeAmplificationSpread } from '@kf/domain';
import type { Database } from '../client.js';
import * as adoptions from '../repositories/adoptions.repository.js';
import * as amplifications from '../repositories/amplifications.repository.js';
import * as comments from '../repositories/comments.repository.js';
import * as stories from '../repositories/stories.repository.js';
import * as storyNeighbours from '../repositories/story-neighbours.repository.js';

/**
 * The spread of one amplification as of `now` (the spread view and the weekly report): the story, its
 * practice, and a control group of similar stories never amplified, for a difference-in-differences.
 */
export async function loadAmplificationSpread(
  db: Database,
  amplification: { storyId: string; amplifiedAt: Date },
  now: Date,
  bucket: 'day' | 'week',
): Promise<AmplificationSpread & { practiceStoryIds: string[] }> {
  const { storyId } = amplification;
  const practiceId = await stories.findStoryPracticeId(db, storyId);
  const practiceStoryIds = practiceId
    ? (await stories.listPracticeStoryIds(db, practiceId)).filter((id) => id !== storyId)
    : [];
  // Control: nearest neighbours outside the practice never amplified, so the practice stays on the treated
  // side; when there are none, the practice's own never-amplified stories.
  const neighbours = (await storyNeighbours.listSimilarStories(db, storyId)).map((similar) => similar.id);
  const amplified = await amplifications.findAmplifiedStoryIds(db, [...practiceStoryIds, ...neighbours]);
  const outside = neighbours.filter((id) => !amplified.has(id) && !practiceStoryIds.includes(id));
  const controlStoryIds = outside.length ? outside : practiceStoryIds.filter((id) => !amplified.has(id));
  const treatedPractice = practiceStoryIds.filter((id) => !controlStoryIds.includes(id));
  const [events, endorsements] = await Promise.all([
    adoptions.listAdoptionEvents(db, [storyId, ...treatedPractice, ...controlStoryIds]),
    comments.listEndorsementTimes(db, storyId),
  ]);
  const spread = computeAmplificationSpread({
    amplifiedAt: amplification.amplifiedAt,
    now,
    bucket,
    storyId,
    practiceStoryIds: treatedPractice,
    controlStoryIds,
    adoptions: events.map((event) => ({
      storyId: event.storyId,
      memberId: event.memberId,
      unit: event.unitSlug,
      at: event.createdAt,
      status: event.status as 'trying' | 'adopted' | 'dropped',
    })),
    endorsements,
  });
  return { ...spread, practiceStoryIds: treatedPractice };
}
