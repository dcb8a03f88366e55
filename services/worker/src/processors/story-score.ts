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
  counters: storyScores.StoryCounters;
}

/**
 * Where each story's events are in a batch's columns, without moving them (a counting sort on the story
 * positions): story i's are `order[starts[i]]` to `order[starts[i + 1] - 1]`.
 */
function eventsOrderedByStory(story: readonly number[], storyCount: number) {
  const starts = new Int32Array(storyCount + 1);
  for (const position of story) starts[position + 1]!++;
  for (let i = 0; i < storyCount; i++) starts[i + 1]! += starts[i]!;
  const next = starts.slice(0, storyCount);
  const order = new Int32Array(story.length);
  for (let event = 0; event < story.length; event++) order[next[story[event]!]!++] = event;
  return { starts, order };
}

/**
 * One story's events (indexes `from` to `to` of `order`) as scoring takes them, built just before the story is
 * scored: a refresh reads a million events, and building all of a batch's objects first kept them alive
 * through many young-generation collections, which copied them each time. Counters count others' events
 * only (the author's own count for nothing); a dropped adoption is not scored and no longer counts as an
 * adoption, but its unit was reached.
 */
function storyEvents(
  columns: stories.StoryEventColumns,
  order: Int32Array,
  from: number,
  to: number,
): StoryEvents {
  const counts = { view: 0, reaction: 0, share: 0, comment: 0, adoption: 0, dropped: 0 };
  const units = new Set<string>();
  const events: StoryEvent[] = [];
  for (let i = from; i < to; i++) {
    const event = order[i]!;
    const kind = columns.kind[event]!;
    const unit = columns.unitSlug[event]!;
    const byAuthor = columns.byAuthor[event]!;
    if (!byAuthor) {
      counts[kind as keyof typeof counts]++;
      units.add(unit);
    }
    if (kind !== 'dropped')
      events.push({
        kind: kind as EngagementKind,
        memberId: columns.memberId[event]!,
        unit,
        atMs: columns.createdAtMs[event]!,
        byAuthor,
        endorsement: columns.endorsement[event]!,
      });
  }
  return {
    events,
    counters: {
      viewCount: counts.view,
      reactionCount: counts.reaction,
      commentCount: counts.comment,
      shareCount: counts.share,
      adoptionCount: counts.adoption,
      unitCount: units.size,
    },
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
  const [columns, sizes, hotSpots] = await Promise.all([
    stories.listStoryEvents(db, ids),
    unitSizes(),
    hotSpotsByAuthor ?? loadHotSpotsByAuthor(db, [...new Set(list.map((story) => story.authorId))]),
  ]);
  const at = now();
  const { starts, order } = eventsOrderedByStory(columns.story, list.length);
  const scored: storyScores.ScoredStory[] = [];
  for (const [index, story] of list.entries()) {
    const storyId = story.id;
    const { events, counters } = storyEvents(columns, order, starts[index]!, starts[index + 1]!);
    const authorHotSpots = hotSpots.get(story.authorId) ?? [];
    const score = scoreStory(
      {
        storyId,
        authorId: story.authorId,
        authorUnit: story.unitSlug,
        createdAt: story.createdAt,
        events,
        unitSizes: sizes,
      },
      at,
      // Anti-gaming: one author's near-copies cannot fill the hot spots.
      { authorHotSpots },
    );
    scored.push({ storyId, score, counters });
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
