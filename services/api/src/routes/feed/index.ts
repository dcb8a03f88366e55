import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { amplifications, type Database, StoryIndexMirror, stories } from '@kf/db';
import { DomainError, termCounts } from '@kf/domain';
import { pageSize, problems } from '../../schemas/common.js';
import { Items } from '../../schemas/common.js';
import { type Story, StoryRef, StorySchema } from '../stories/schemas.js';
import { type Feed, FeedQuerySchema, FeedSchema, SearchQuerySchema } from './schemas.js';
import { turnBatches } from '../../turn-batches.js';
import { RecentResults } from './recent-results.js';
import { FeedSnapshots, type Snapshot } from './snapshots.js';

/** Headlines shown on top at most (Discourse shows one banner; a few keep the feed readable). */
const MAX_HEADLINES = 5;
/** Active headlines considered for a reader, before their dismissals: curators keep far fewer running. */
const MAX_ACTIVE_HEADLINES = 100;
/**
 * How long a page of a frozen ranking, or the list of active headlines, is served from memory: most readers
 * open the same first page, and its counts and scores may lag this much (a change made through this process
 * drops them at once).
 */
const RECENT_MS = 1_000;
/** Pages kept at most; past that the memory starts over. */
const MAX_CACHED_PAGES = 256;

/**
 * Stories as JSON, compiled from the schema that documents them, as fastify compiles a route's response schema.
 * A page served from memory is serialised once, when loaded, not for every reader: serialising twenty stories
 * (escaping their bodies, checking their dates against the schema's formats) was most of a feed request's cost.
 */
const storiesJson = fastJson(Type.Array(StorySchema));

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
export async function storiesInOrder(db: Database, ids: string[], now: Date): Promise<Story[]> {
  const byId = new Map((await stories.findStories(db, ids, now)).map((story) => [story.id, story]));
  return ids.flatMap((id) => {
    const story = byId.get(id);
    return story ? [story] : [];
  });
}

const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;
  // The same TF-IDF model the worker ranks similarity with, mirrored in this process; loaded on first search.
  const searchIndex = new StoryIndexMirror(db);
  const snapshots = new FeedSnapshots(db);
  const pages = new RecentResults<{ items: Story[]; json: string }>(RECENT_MS, MAX_CACHED_PAGES);
  const activeHeadlines = new RecentResults<{ amplificationId: string; story: Story }[]>(RECENT_MS, 1);

  /** Readers' dismissals of running headlines, read for every reader opening the feed in one turn at once. */
  const dismissals = turnBatches(
    async (asked: readonly { memberId: string; amplificationIds: readonly string[] }[]) => {
      const rows = await amplifications.listDismissals(
        db,
        [...new Set(asked.map((ask) => ask.memberId))],
        [...new Set(asked.flatMap((ask) => ask.amplificationIds))],
      );
      const dismissedBy = new Map<string, Set<string>>();
      for (const { memberId, amplificationId } of rows) {
        const dismissed = dismissedBy.get(memberId) ?? new Set<string>();
        dismissed.add(amplificationId);
        dismissedBy.set(memberId, dismissed);
      }
      return asked.map((ask) => dismissedBy.get(ask.memberId) ?? new Set<string>());
    },
  );

  /** Headlines for a reader: the active ones, shared by every reader, less those this reader dismissed. */
  async function headlinesFor(memberId: string, at: Date) {
    const active = await activeHeadlines.get(String(app.feedChanges()), at.getTime(), async () => {
      const rows = await amplifications.listActiveHeadlines(db, at, MAX_ACTIVE_HEADLINES);
      const storyById = new Map(
        (await storiesInOrder(db, [...new Set(rows.map((row) => row.storyId))], at)).map((story) => [
          story.id,
          story,
        ]),
      );
      return rows.flatMap(({ amplificationId, storyId }) => {
        const story = storyById.get(storyId);
        return story ? [{ amplificationId, story }] : [];
      });
    });
    if (active.length === 0) return [];
    const dismissed = await dismissals.load({
      memberId,
      amplificationIds: active.map((headline) => headline.amplificationId),
    });
    return active
      .filter((headline) => !dismissed.has(headline.amplificationId))
      .slice(0, MAX_HEADLINES)
      .map((headline) => headline.story);
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
    async (request, reply) => {
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
      const at = now();
      const [headlines, page] = await Promise.all([
        cursor ? [] : headlinesFor(request.caller.id, at),
        pages.get(
          `${snapshot.id}:${offset}:${pageIds.length}:${app.feedChanges()}`,
          at.getTime(),
          async () => {
            const items = await storiesInOrder(db, pageIds, at);
            return { items, json: storiesJson(items) };
          },
        ),
      ]);
      // The page's items as serialised when it was loaded; the headlines (a reader's own) and the cursor now.
      reply
        .type('application/json; charset=utf-8')
        .serializer(
          (feed: Feed) =>
            `{"headlines":${storiesJson(feed.headlines)},"items":${page.json},"nextCursor":${JSON.stringify(feed.nextCursor)}}`,
        );
      return {
        headlines,
        items: page.items,
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
