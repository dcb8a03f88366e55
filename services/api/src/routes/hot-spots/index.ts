import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Database, hotSpotReviews, storyScores } from '@kf/db';
import { requireRole } from '../../plugins/auth.js';
import { Items, pageSize, problems } from '../../schemas/common.js';
import { storiesInOrder } from '../feed/index.js';
import { loadStory } from '../stories/index.js';
import {
  DismissBodySchema,
  type HotSpot,
  HotSpotSchema,
  HotSpotsQuerySchema,
  StoryIdParams,
} from './schemas.js';

type Review = { storyId: string; reviewerId: string; reason: string | null; reviewedAt: Date };

/** Hot-spot items for stories in order, with the review that took each off the queue (if any). */
async function presentHotSpots(
  db: Database,
  now: Date,
  storyIds: string[],
  status: HotSpot['status'],
  reviews: Review[] = [],
) {
  const [stories, unitsByStory] = await Promise.all([
    storiesInOrder(db, storyIds, now),
    storyScores.findScoredUnits(db, storyIds),
  ]);
  const reviewByStory = new Map(reviews.map((review) => [review.storyId, review]));
  return stories.map((story): HotSpot => {
    const review = reviewByStory.get(story.id);
    return {
      story,
      practice: story.practice,
      score: story.scores?.hot ?? 0,
      reasons: story.hotSpot.reasons,
      units: unitsByStory.get(story.id) ?? [],
      flaggedAt: story.hotSpot.since,
      status,
      review: review
        ? { by: review.reviewerId, reason: review.reason, at: review.reviewedAt.toISOString() }
        : null,
    };
  });
}

/** The curators' review queue: pending, dismissed and amplified hot spots. */
const hotSpotsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, now } = app.deps;

  app.get(
    '/hot-spots',
    {
      schema: {
        tags: ['curation'],
        summary: 'Hot spots to review (curator, admin; hr may read)',
        querystring: HotSpotsQuerySchema,
        response: { 200: Items(HotSpotSchema), ...problems(400, 401, 403, 429) },
      },
    },
    async (request) => {
      requireRole(request.caller, 'curator', 'admin', 'hr');
      const status = request.query.status ?? 'pending';
      const limit = pageSize(request.query.limit);
      if (status === 'pending') {
        const pending = await hotSpotReviews.listPendingHotSpotIds(db, limit);
        return {
          items: await presentHotSpots(
            db,
            now(),
            pending.map((row) => row.storyId),
            status,
          ),
        };
      }
      const reviewed = await hotSpotReviews.listReviewedHotSpots(db, status, limit);
      return {
        items: await presentHotSpots(
          db,
          now(),
          reviewed.map((row) => row.storyId),
          status,
          reviewed,
        ),
      };
    },
  );

  app.post(
    '/hot-spots/:storyId/dismiss',
    {
      schema: {
        tags: ['curation'],
        summary: 'Take a hot spot off the review queue, saying why (curator, admin)',
        params: StoryIdParams,
        body: DismissBodySchema,
        response: { 200: HotSpotSchema, ...problems(400, 401, 403, 404, 413, 429) },
      },
    },
    async (request) => {
      requireRole(request.caller, 'curator', 'admin');
      const { storyId } = request.params;
      await loadStory(db, storyId, now());
      const review = {
        storyId,
        status: 'dismissed' as const,
        reason: request.body.reason,
        reviewerId: request.caller.id,
        reviewedAt: now(),
      };
      await hotSpotReviews.recordReview(db, review);
      const [item] = await presentHotSpots(db, now(), [storyId], 'dismissed', [review]);
      return item!;
    },
  );
};

export default hotSpotsRoutes;
