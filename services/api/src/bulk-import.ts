import { type Database, importLines, type ImportResult } from '@kf/db';
import { enqueue, type Queues } from '@kf/jobs';

/**
 * The one import path of `POST /v1/admin/import` and `pnpm run import`: apply the records, then index the new
 * stories and re-score the touched ones (scores are computed from event times, so history counts as of
 * `occurredAt`), then re-cluster practices once.
 */
export async function importAndEnqueue(
  db: Database,
  queues: Queues,
  lines: AsyncIterable<string>,
  options: Parameters<typeof importLines>[2],
): Promise<ImportResult> {
  const result = await importLines(db, lines, options);
  for (const storyId of result.createdStoryIds) await enqueue(queues, 'story.index', { storyId });
  for (const storyId of new Set([...result.createdStoryIds, ...result.touchedStoryIds])) {
    await enqueue(queues, 'story.score', { storyId });
  }
  if (result.createdStoryIds.size) await enqueue(queues, 'practices.recluster', {});
  return result;
}
