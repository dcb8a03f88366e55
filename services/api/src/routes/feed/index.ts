import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Database, feedSnapshots, stories } from '@kf/db';
import { DomainError } from '@kf/domain';
import { pageSize, problems } from '../../schemas/common.js';
import { presentStory } from '../stories/presenter.js';
import { FeedQuerySchema, FeedSchema } from './schemas.js';

/** Readers opening the feed within this span share one frozen ranking (one write per filter, not per reader). */
const SNAPSHOT_REUSE_MS = 30_000;
/** How deep a frozen ranking goes; readers rarely page past it. */
const SNAPSHOT_DEPTH = 1_000;

interface FeedCursor {
  snapshotId: string;
  offset: number;
}

const encodeCursor = (cursor: FeedCursor) =>
  Buffer.from(JSON.stringify([cursor.snapshotId, cursor.offset])).toString('base64url');

function decodeCursor(raw: string): FeedCursor {
  try {
    const [snapshotId, offset] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [unknown, unknown];
    if (
      typeof snapshotId === 'string' &&
      /^[0-9a-f-]{36}$/.test(snapshotId) &&
      Number.isInteger(offset) &&
      (offset as number) >= 0
    ) {
      return { snapshotId, offset: offset as number };
    }
  } catch {
    // fall through to the validation error
  }
  throw new DomainError('validation_failed', 'querystring.cursor is not a cursor this API issued');
}

/** Live stories by id, in the order of the ids (deleted ones drop out). */
export async function storiesInOrder(db: Database, ids: string[]) {
  const byId = new Map((await stories.findStories(db, ids)).map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentStory(row)] : [];
  });
}

const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;

  app.get(
    '/feed',
    {
      schema: {
        tags: ['feed'],
        summary: 'Headlines, then stories ranked by hot score; cursor-paginated over a frozen ranking',
        querystring: FeedQuerySchema,
        response: { 200: FeedSchema, ...problems(400, 401, 429) },
      },
    },
    async (request) => {
      const { unit, tag, cursor } = request.query;
      const limit = pageSize(request.query.limit);
      let snapshot: { id: string; storyIds: string[] } | undefined;
      let offset = 0;
      if (cursor) {
        const position = decodeCursor(cursor);
        offset = position.offset;
        snapshot = await feedSnapshots.findSnapshot(db, position.snapshotId);
        if (!snapshot)
          throw new DomainError('validation_failed', 'querystring.cursor has expired; open the feed again');
      } else {
        const filterKey = JSON.stringify([unit ?? null, tag ?? null]);
        const at = now();
        snapshot =
          (await feedSnapshots.findRecentSnapshot(
            db,
            filterKey,
            new Date(at.getTime() - SNAPSHOT_REUSE_MS),
          )) ??
          (await feedSnapshots.insertSnapshot(
            db,
            filterKey,
            await feedSnapshots.rankStoryIds(db, { unit, tag }, SNAPSHOT_DEPTH),
            at,
          ));
      }
      const pageIds = snapshot.storyIds.slice(offset, offset + limit);
      const end = offset + pageIds.length;
      return {
        headlines: [],
        items: await storiesInOrder(db, pageIds),
        nextCursor:
          end < snapshot.storyIds.length ? encodeCursor({ snapshotId: snapshot.id, offset: end }) : null,
      };
    },
  );
};

export default feedRoutes;
