import type { Database } from '../client.js';

export type ReviewStatus = 'dismissed' | 'amplified';

/** Flagged stories nobody has reviewed yet, hottest first: the curators' queue. */
export function listPendingHotSpotIds(db: Database, limit: number, offset = 0) {
  return db
    .selectFrom('storyScores')
    .innerJoin('stories', 'stories.id', 'storyScores.storyId')
    .leftJoin('hotSpotReviews', 'hotSpotReviews.storyId', 'storyScores.storyId')
    .select(['storyScores.storyId', 'storyScores.hot'])
    .where('storyScores.flagged', '=', true)
    .where('stories.deletedAt', 'is', null)
    .where('hotSpotReviews.storyId', 'is', null)
    .orderBy('storyScores.hot', 'desc')
    .orderBy('storyScores.storyId')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Reviewed hot spots of one status, most recent decision first, with who decided and why. */
export function listReviewedHotSpots(db: Database, status: ReviewStatus, limit: number, offset = 0) {
  return db
    .selectFrom('hotSpotReviews')
    .innerJoin('stories', 'stories.id', 'hotSpotReviews.storyId')
    .select([
      'hotSpotReviews.storyId',
      'hotSpotReviews.reason',
      'hotSpotReviews.reviewerId',
      'hotSpotReviews.reviewedAt',
    ])
    .where('hotSpotReviews.status', '=', status)
    .where('stories.deletedAt', 'is', null)
    .orderBy('hotSpotReviews.reviewedAt', 'desc')
    .orderBy('hotSpotReviews.storyId')
    .limit(limit)
    .offset(offset)
    .execute();
}

export function findReview(db: Database, storyId: string) {
  return db
    .selectFrom('hotSpotReviews')
    .select(['status', 'reason', 'reviewerId', 'reviewedAt'])
    .where('storyId', '=', storyId)
    .executeTakeFirst();
}

/** Takes a story off the review queue, recording who and why (a later decision replaces an earlier one). */
export async function recordReview(
  db: Database,
  review: {
    storyId: string;
    status: ReviewStatus;
    reason: string | null;
    reviewerId: string;
    reviewedAt: Date;
  },
) {
  await db
    .insertInto('hotSpotReviews')
    .values(review)
    .onConflict((conflict) =>
      conflict.column('storyId').doUpdateSet({
        status: review.status,
        reason: review.reason,
        reviewerId: review.reviewerId,
        reviewedAt: review.reviewedAt,
      }),
    )
    .execute();
}

/** Claims the right to tell curators about a story; false when they were already told (never twice). */
export async function claimNotification(db: Database, storyId: string, at: Date) {
  const claimed = await db
    .insertInto('hotSpotNotifications')
    .values({ storyId, notifiedAt: at })
    .onConflict((conflict) => conflict.column('storyId').doNothing())
    .returning('storyId')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function releaseNotification(db: Database, storyId: string) {
  await db.deleteFrom('hotSpotNotifications').where('storyId', '=', storyId).execute();
}
