import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { amplifications, type Database, StoryIndexMirror, stories } from '@kf/db';
import { DomainError, termCounts } from '@kf/domain';
import { pageSize, problems } from '../../schemas/common.js';
import { presentStory } from '../stories/presenter.js';
import { Items } from '../../schemas/common.js';
import { type Story, StoryRef } from '../stories/schemas.js';
import { FeedQuerySchema, FeedSchema, SearchQuerySchema } from './schemas.js';
import { FeedSnapshots, type Snapshot } from './snapshots.js';

/** Headlines shown on top at most (Discourse shows one banner; a few keep the feed readable). */
const MAX_HEADLINES = 5;
/**
 * How long a page of a frozen ranking is served from memory: most readers open the same first page, and its
 * counts and scores may lag this much (a story edited or deleted through this process drops the pages at once).
 */
const PAGE_CACHE_MS = 1_000;
/** Pages kept at most; past that the memory starts over. */
const MAX_CACHED_PAGES = 256;

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
export async function storiesInOrder(db: Database, ids: string[], now: Date) {
  const byId = new Map((await stories.findStories(db, ids, now)).map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentStory(row)] : [];
  });
}

const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;
  // The same TF-IDF model the worker ranks similarity with, mirrored in this process; loaded on first search.
  const searchIndex = new StoryIndexMirror(db);
  const snapshots = new FeedSnapshots(db);
  const pages = new Map<string, { cachedAt: number; items: Story[] }>();
  /** The stories of a page of a ranking, from memory when another reader asked for it just now. */
  async function pageItems(snapshotId: string, pageIds: string[], offset: number, at: Date) {
    const key = `${snapshotId}:${offset}:${pageIds.length}:${app.storyChanges()}`;
    const cached = pages.get(key);
    if (cached && cached.cachedAt > at.getTime() - PAGE_CACHE_MS) return cached.items;
    const items = await storiesInOrder(db, pageIds, at);
    if (pages.size >= MAX_CACHED_PAGES) pages.clear();
    pages.set(key, { cachedAt: at.getTime(), items });
    return items;
  }

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
      let snapshot: Snapshot | undefined;
      let offset = 0;
      if (cursor) {
        const position = decodeCursor(cursor);
        offset = position.offset;
        snapshot = await snapshots.find(position.snapshotId, now());
        if (!snapshot)
          throw new DomainError('validation_failed', 'querystring.cursor has expired; open the feed again');
      } else {
        snapshot = await snapshots.current({ unit, tag }, now());
      }
      const pageIds = snapshot.storyIds.slice(offset, offset + limit);
      const end = offset + pageIds.length;
      const [headlines, items] = await Promise.all([
        cursor
          ? []
          : amplifications
              .listHeadlineStoryIds(db, request.caller.id, now(), MAX_HEADLINES)
              .then((ids) => storiesInOrder(db, ids, now())),
        pageItems(snapshot.id, pageIds, offset, now()),
      ]);
      return {
        headlines,
        items,
        nextCursor:
          end < snapshot.storyIds.length ? encodeCursor({ snapshotId: snapshot.id, offset: end }) : null,
      };
    },
  );

  app.get(
    '/search',
    {
      schema: {
        tags: ['feed'],
        summary: 'Stories ranked by TF-IDF relevance to the query',
        querystring: SearchQuerySchema,
        response: { 200: Items(StoryRef), ...problems(400, 401, 429) },
      },
    },
    async (request) => {
      await searchIndex.sync();
      const matches = searchIndex.index.query(termCounts(request.query.q), pageSize(request.query.limit));
      return {
        items: await storiesInOrder(
          db,
          matches.map((match) => match.id),
          now(),
        ),
      };
    },
  );
};

export default feedRoutes;
