import type { stories } from '@kf/db';
import type { Story } from './schemas.js';

/** A story row as the contract shows it. Scores, hot spot, practice and amplification join in as they exist. */
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
    scores: null,
    hotSpot: { flagged: false, since: null, reasons: [] },
    practice: null,
    amplification: null,
  };
}
