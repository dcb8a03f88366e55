import { SCORING } from './constants.js';
import { engagementScore } from './engagement.js';
import { collectActivity, type StoryScoringInput } from './events.js';
import { type AuthorHotSpot, measureHot, withinAuthorShare } from './hot.js';
import { round4 } from './maths.js';
import { type ReasonOptions, type ScoreFacts, storyReasons } from './reasons.js';
import { measureSpread } from './spread.js';

export interface ScoreStoryOptions extends ReasonOptions {
  /**
   * The author's stories flagged now, with since when (this one included if it is); when omitted, the
   * author's share is not checked. See `withinAuthorShare`.
   */
  authorHotSpots?: readonly AuthorHotSpot[];
}

export interface StoryScoreResult {
  engagement: number;
  spread: number;
  hot: number;
  /** A hot spot for curators to review: hot ≥ `SCORING.hot.flagThreshold`, within the author's share. */
  flagged: boolean;
  /** Why, in words; empty unless flagged. */
  reasons: string[];
  facts: ScoreFacts;
}

/**
 * Engagement, spread and hot scores of a story at `now`, with the hot-spot flag and its reasons. Pure and
 * deterministic: the same input gives the same output, whatever the order of its events. One pass over the
 * events, then work in the number of distinct members.
 */
export function scoreStory(
  input: StoryScoringInput,
  now: Date,
  options: ScoreStoryOptions = {},
): StoryScoreResult {
  const activity = collectActivity(input, now);
  const spread = measureSpread(activity, input.authorUnit, now);
  const hot = measureHot(activity, input, now);
  const hotScore = round4(hot.score);
  const hotEnough = hotScore >= SCORING.hot.flagThreshold;
  const withinShare = withinAuthorShare(input.storyId, options.authorHotSpots ?? []);
  const flagged = hotEnough && withinShare;
  const facts: ScoreFacts = {
    members: activity.members.length,
    units: spread.units,
    newUnits: spread.newUnits,
    evenness: round4(spread.evenness),
    adoption: spread.adoption,
    endorsements: activity.members.filter((member) => member.endorsed).length,
    current: hot.current,
    previous: hot.previous,
    hasBaseline: hot.hasBaseline,
    surge: hot.surge === null ? null : { ...hot.surge, ratio: round4(hot.surge.ratio) },
    peakDaysAgo: hot.peakDaysAgo,
    ignoredFutureEvents: activity.ignoredFutureEvents,
    heldBackByAuthorShare: hotEnough && !withinShare,
  };
  return {
    engagement: round4(engagementScore(activity.members, now)),
    spread: round4(spread.score),
    hot: hotScore,
    flagged,
    reasons: flagged ? storyReasons(facts, options.unitName) : [],
    facts,
  };
}
