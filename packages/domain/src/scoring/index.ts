export { SCORING } from './constants.js';
export {
  ENGAGEMENT_KINDS,
  collectActivity,
  type EngagementKind,
  type MemberActivity,
  type StoryActivity,
  type StoryEvent,
  type StoryScoringInput,
  type UnitActivity,
} from './events.js';
export { engagementScore } from './engagement.js';
export { evenness, measureSpread, type AdoptionSpread, type Spread } from './spread.js';
export {
  emergence,
  measureHot,
  practiceHotSpot,
  unitSizeWeight,
  withinAuthorShare,
  type AuthorHotSpot,
  type Hot,
  type PracticeHotSpot,
  type PracticeHotSpotInput,
  type PracticeStory,
  type UnitSurge,
  type WindowCounts,
} from './hot.js';
export {
  practiceReason,
  storyReasons,
  type ReasonOptions,
  type ScoreFacts,
  type UnitName,
} from './reasons.js';
export { scoreStory, type ScoreStoryOptions, type StoryScoreResult } from './score-story.js';
