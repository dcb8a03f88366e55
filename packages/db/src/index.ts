export * from './client.js';
export * from './migrate.js';
export type { DB } from './generated/database.js';
export * as businessUnits from './repositories/business-units.repository.js';
export * as members from './repositories/members.repository.js';
export * as stories from './repositories/stories.repository.js';
export * as engagements from './repositories/engagements.repository.js';
export * as comments from './repositories/comments.repository.js';
export * as adoptions from './repositories/adoptions.repository.js';
export * as idempotencyKeys from './repositories/idempotency-keys.repository.js';
export * as storyTerms from './repositories/story-terms.repository.js';
export * as storyNeighbours from './repositories/story-neighbours.repository.js';
export * as storyScores from './repositories/story-scores.repository.js';
export * as practices from './repositories/practices.repository.js';
export * as feedSnapshots from './repositories/feed-snapshots.repository.js';
export * as hotSpotReviews from './repositories/hot-spot-reviews.repository.js';
export { StoryIndexMirror } from './story-index-mirror.js';
export * as amplifications from './repositories/amplifications.repository.js';
export { importLines, type ImportResult, type ImportError } from './services/import/import.service.js';
export { ImportRecordSchema, type ImportRecord, parseImportLine } from './services/import/import-records.js';
export * as weeklyReports from './repositories/weekly-reports.repository.js';
export * as reportDeliveries from './repositories/report-deliveries.repository.js';
export { loadAmplificationSpread } from './services/amplification-spread.service.js';
export { deleteStory } from './services/story-deletion.service.js';
export {
  buildWeeklyReport,
  ensureWeeklyReport,
  rebuildWeeklyReport,
  type WeeklyReportSettings,
} from './services/weekly-report.service.js';
export { arrayLiteral } from './array-literal.js';
export type { JsonText } from './json-text.js';
