import { type Database, members, stories, storyScores } from '@kf/db';
import { type AuthorHotSpot, type EngagementKind, scoreStory, type StoryEvent } from '@kf/domain';
import type { JobPayload } from '@kf/jobs';

/** Unit sizes change slowly; one read serves a burst of scoring jobs. */
const UNIT_SIZES_TTL_MS = 60_000;

export function createUnitSizes(db: Database) {
  let cached: { at: number; sizes: Promise<Map<string, number>> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > UNIT_SIZES_TTL_MS)
      cached = { at: Date.now(), sizes: members.countMembersByUnit(db) };
    return cached.sizes;
  };
}

/** Items grouped by a key, each mapped to what the group keeps (Map.groupBy arrives with Node 21). */
function groupBy<T, V>(items: readonly T[], key: (item: T) => string, value: (item: T) => V) {
  const groups = new Map<string, V[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(value(item));
    else groups.set(key(item), [value(item)]);
  }
  return groups;
}

/** What scoring takes from one story's events: the events it scores, and the counters they give. */
interface StoryEvents {
  events: StoryEvent[];
  counts: Record<'view' | 'reaction' | 'share' | 'comment' | 'adoption' | 'dropped', number>;
  units: Set<string>;
}

/**
 * A batch's events by story (in the order of the batch), in one pass with one object per event (a refresh
 * reads a million: each layer of objects more was felt in garbage collection). Counters count others' events
 * only (the author's own count for nothing); a dropped adoption is not scored and no longer counts as an
 * adoption, but its unit was reached.
 */
function eventsByStory(tuples: readonly stories.StoryEventTuple[], storyCount: number) {
  const byStory: (StoryEvents | undefined)[] = new Array(storyCount);
  for (const [storyIndex, kind, memberId, unit, createdAtMs, byAuthor, endorsement] of tuples) {
    let story = byStory[storyIndex];
    if (story === undefined) {
      const counts = { view: 0, reaction: 0, share: 0, comment: 0, adoption: 0, dropped: 0 };
      story = { events: [], counts, units: new Set() };
      byStory[storyIndex] = story;
    }
    if (!byAuthor) {
      story.counts[kind as keyof StoryEvents['counts']]++;
      story.units.add(unit);
    }
    if (kind !== 'dropped')
      story.events.push({
        kind: kind as EngagementKind,
        memberId,
        unit,
        atMs: createdAtMs,
        byAuthor,
        endorsement,
      });
  }
  return byStory;
}

function countersOf(story: StoryEvents | undefined): storyScores.StoryCounters {
  const counts = story?.counts;
  return {
    viewCount: counts?.view ?? 0,
    reactionCount: counts?.reaction ?? 0,
    commentCount: counts?.comment ?? 0,
    shareCount: counts?.share ?? 0,
    adoptionCount: counts?.adoption ?? 0,
    unitCount: story?.units.size ?? 0,
  };
}

/** Flagged stories by author (the per-author cap on hot spots). */
export type HotSpotsByAuthor = Map<string, AuthorHotSpot[]>;

/** Flagged stories of some authors, or of all (a refresh reads them once and keeps them up to date). */
export async function loadHotSpotsByAuthor(
  db: Database,
  authorIds?: readonly string[],
): Promise<HotSpotsByAuthor> {
  return groupBy(
    await storyScores.listAuthorHotSpots(db, authorIds),
    (spot) => spot.authorId,
    (spot): AuthorHotSpot => ({ storyId: spot.storyId, flaggedSince: spot.flaggedSince }),
  );
}

/**
 * Scores some live stories as if each were scored alone, in the order given: counters derived from their
 * events, then engagement, spread and hot scores with the hot-spot flag and its reasons. One statement per
 * step for all of them (events, author hot spots, scores with counters), so a refresh costs round trips per
 * batch, not per story; the events are read once, for both counters and scores. Idempotent: derived from the
 * events and `now`, never incremented. `hotSpotsByAuthor`, when given, must hold the flagged stories of the
 * list's authors; it is read instead of the database and kept up to date with the new flags.
 */
export async function scoreStories(
  db: Database,
  unitSizes: () => Promise<Map<string, number>>,
  now: () => Date,
  list: readonly storyScores.StoryToScore[],
  hotSpotsByAuthor?: HotSpotsByAuthor,
) {
  if (list.length === 0) return;
  const ids = list.map((story) => story.id);
  const [tuples, sizes, hotSpots] = await Promise.all([
    stories.listStoryEvents(db, ids),
    unitSizes(),
    hotSpotsByAuthor ?? loadHotSpotsByAuthor(db, [...new Set(list.map((story) => story.authorId))]),
  ]);
  const at = now();
  const events = eventsByStory(tuples, list.length);
  const scored: storyScores.ScoredStory[] = [];
  for (const [index, story] of list.entries()) {
    const storyId = story.id;
    const storyEvents = events[index];
    const authorHotSpots = hotSpots.get(story.authorId) ?? [];
    const score = scoreStory(
      {
        storyId,
        authorId: story.authorId,
        authorUnit: story.unitSlug,
        createdAt: story.createdAt,
        events: storyEvents?.events ?? [],
        unitSizes: sizes,
      },
      at,
      // Anti-gaming: one author's near-copies cannot fill the hot spots.
      { authorHotSpots },
    );
    scored.push({ storyId, score, counters: countersOf(storyEvents) });
    // The author's next story in this batch sees this one's new flag, as it would once this one was stored
    // (flagged since the first time, as `upsertStoryScores` keeps it).
    const own = authorHotSpots.find((spot) => spot.storyId === storyId);
    const others = authorHotSpots.filter((spot) => spot.storyId !== storyId);
    hotSpots.set(
      story.authorId,
      score.flagged ? [...others, { storyId, flaggedSince: own?.flaggedSince ?? at }] : others,
    );
  }
  await storyScores.upsertStoryScores(db, scored, at);
}

/** story.score: one story, scored as a refresh scores a batch; a deleted story keeps its last scores. */
export async function processStoryScore(
  db: Database,
  unitSizes: () => Promise<Map<string, number>>,
  now: () => Date,
  { storyId }: JobPayload<'story.score'>,
) {
  const story = await storyScores.findStoryToScore(db, storyId);
  if (story) await scoreStories(db, unitSizes, now, [story]);
}
