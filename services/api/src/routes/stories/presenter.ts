import type { stories } from '@kf/db';
import type { Story } from './schemas.js';

/** A story row as the contract shows it (the left joins leave scores and practice null until the worker runs). */
export function presentStory(row: stories.StoryRow): Story {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    tags: row.tags,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    author: { id: row.authorId, name: row.authorName, unit: row.unitSlug },
    counts: {
      views: row.viewCount,
      reactions: row.reactionCount,
      comments: row.commentCount,
      shares: row.shareCount,
      adoptions: row.adoptionCount,
      units: row.unitCount,
    },
    scores:
      row.scoredAt === null
        ? null
        : {
            engagement: row.engagement!,
            spread: row.spread!,
            hot: row.hot!,
            scoredAt: row.scoredAt.toISOString(),
          },
    hotSpot: row.flagged
      ? { flagged: true, since: row.flaggedSince?.toISOString() ?? null, reasons: row.reasons ?? [] }
      : { flagged: false, since: null, reasons: [] },
    practice:
      row.practiceId === null
        ? null
        : {
            id: row.practiceId,
            label: row.practiceLabel!,
            storyCount: row.practiceStoryCount!,
            unitCount: row.practiceUnitCount!,
          },
    amplification:
      row.amplificationId === null
        ? null
        : {
            id: row.amplificationId,
            headline: row.amplificationHeadline!,
            summary: row.amplificationSummary,
            amplifiedAt: row.amplifiedAt!.toISOString(),
            curator: { id: row.curatorId!, name: row.curatorName!, unit: row.curatorUnit! },
          },
  };
}
