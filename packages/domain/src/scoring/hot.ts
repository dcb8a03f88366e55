import { SCORING } from './constants.js';
import type { StoryActivity, StoryScoringInput } from './events.js';
import { DAY_MS, decayed } from './maths.js';
import { practiceReason, type ReasonOptions } from './reasons.js';

/** Distinct members and units other than the author's events, in one window. */
export interface WindowCounts {
  members: number;
  units: number;
}

/** A unit with many more of its members engaging this week than the week before. */
export interface UnitSurge {
  unit: string;
  members: number;
  previousMembers: number;
  /** members / max(1, previousMembers). */
  ratio: number;
}

export interface Hot {
  score: number;
  /** Whole days between now and the windows that gave the peak; null when nothing was hot. */
  peakDaysAgo: number | null;
  /** The last `SCORING.hot.windowDays` days. */
  current: WindowCounts;
  /** The window before it. */
  previous: WindowCounts;
  /** The story is older than one window, so the previous window is a real baseline, not an empty one. */
  hasBaseline: boolean;
  /** The unit that grew most, when it grew at least `SCORING.hot.surgeRatio` times; only with a baseline. */
  surge: UnitSurge | null;
}

/**
 * Mastodon trends: with expected at least 1, 0 when expected > observed (fading), else
 * (observed − expected)² / expected. The floor on observed is checked by the caller, on raw counts.
 */
export function emergence(observed: number, previous: number): number {
  const expected = Math.max(1, previous);
  return observed < expected ? 0 : (observed - expected) ** 2 / expected;
}

/**
 * What one member of a unit of `size` counts for: 1 / log10(size), Lemmy's scaled rank (rank / log10 of the
 * community's activity) applied per member, so that large units do not drown small ones. The size is at
 * least `SCORING.hot.unitSizeFloor`, so that tiny units are not over-favoured (lemmy#5210) and a unit of one
 * (log10 1 = 0) does not divide by zero.
 */
export function unitSizeWeight(size: number): number {
  return 1 / Math.log10(Math.max(size, SCORING.hot.unitSizeFloor));
}

/** Bits [from, to) of an `activeDays` mask. */
function daysMask(from: number, to: number): number {
  return ((1 << (to - from)) - 1) << from;
}

interface Presence {
  activeDays: number;
  weight: number;
}

interface Tally {
  observed: number;
  previous: number;
  weightedObserved: number;
  weightedPrevious: number;
}

function tally(items: readonly Presence[], current: number, previous: number): Tally {
  const counts: Tally = { observed: 0, previous: 0, weightedObserved: 0, weightedPrevious: 0 };
  for (const { activeDays, weight } of items) {
    if ((activeDays & current) !== 0) {
      counts.observed += 1;
      counts.weightedObserved += weight;
    }
    if ((activeDays & previous) !== 0) {
      counts.previous += 1;
      counts.weightedPrevious += weight;
    }
  }
  return counts;
}

/**
 * Emergence against a baseline, in the spirit of Mastodon trends, over windows of `windowDays` ending now and
 * on each of the `peakLookbackDays − 1` days before (d days ago):
 *   score(d) = 0 below the floors (raw distinct members < memberFloor or units < unitFloor), else
 *              emergence(members) + unitWeight × emergence(units)
 *   hot      = max over d of score(d) × 0.5^(d days / peakHalfLifeHours)   (Mastodon's decaying peak)
 * Members are weighted by the size of their unit (`unitSizeWeight`); members and units of the author's own
 * unit count `SCORING.authorUnitWeight` on top. A member counts once per window whatever they did, so one
 * member cannot make a story hot; the floors see that one unit cannot either. O(members × lookback days).
 */
export function measureHot(activity: StoryActivity, input: StoryScoringInput, now: Date): Hot {
  const { windowDays, peakLookbackDays, peakHalfLifeHours, memberFloor, unitFloor, unitWeight } = SCORING.hot;
  // A unit is at least as big as the members seen engaging from it, whatever `unitSizes` says.
  const sizeWeights = new Map(
    activity.units.map((unit) => [
      unit.unit,
      unitSizeWeight(Math.max(input.unitSizes.get(unit.unit) ?? 0, unit.members)),
    ]),
  );
  const homeWeight = (unit: string) => (unit === input.authorUnit ? SCORING.authorUnitWeight : 1);
  const members = activity.members.map((member) => ({
    activeDays: member.activeDays,
    weight: sizeWeights.get(member.unit)! * homeWeight(member.unit),
  }));
  const units = activity.units.map((unit) => ({
    activeDays: unit.activeDays,
    weight: homeWeight(unit.unit),
  }));

  const latestCurrent = daysMask(0, windowDays);
  const latestPrevious = daysMask(windowDays, 2 * windowDays);
  const latestMembers = tally(members, latestCurrent, latestPrevious);
  const latestUnits = tally(units, latestCurrent, latestPrevious);
  let score = 0;
  let peakDaysAgo: number | null = null;
  // No window can reach the floors with fewer members or units than that in all: most stories, skipped here.
  const canReachFloors = members.length >= memberFloor && units.length >= unitFloor;
  for (let daysAgo = 0; canReachFloors && daysAgo < peakLookbackDays; daysAgo++) {
    const current = daysMask(daysAgo, daysAgo + windowDays);
    const previous = daysMask(daysAgo + windowDays, daysAgo + 2 * windowDays);
    const memberTally = daysAgo === 0 ? latestMembers : tally(members, current, previous);
    const unitTally = daysAgo === 0 ? latestUnits : tally(units, current, previous);
    if (memberTally.observed < memberFloor || unitTally.observed < unitFloor) continue;
    const evaluation = decayed(
      emergence(memberTally.weightedObserved, memberTally.weightedPrevious) +
        unitWeight * emergence(unitTally.weightedObserved, unitTally.weightedPrevious),
      daysAgo * DAY_MS,
      peakHalfLifeHours,
    );
    if (evaluation <= score) continue;
    score = evaluation;
    peakDaysAgo = daysAgo;
  }
  const hasBaseline = input.createdAt.getTime() <= now.getTime() - windowDays * DAY_MS;
  return {
    score,
    peakDaysAgo,
    current: { members: latestMembers.observed, units: latestUnits.observed },
    previous: { members: latestMembers.previous, units: latestUnits.previous },
    hasBaseline,
    surge: hasBaseline ? unitSurge(activity, latestCurrent, latestPrevious) : null,
  };
}

/**
 * The unit whose members grew most from the previous window to the current one, when it has at least
 * `memberFloor` members now and grew `surgeRatio` times; ties go to more members, then to the slug.
 */
function unitSurge(activity: StoryActivity, current: number, previous: number): UnitSurge | null {
  const { memberFloor, surgeRatio } = SCORING.hot;
  if (activity.members.length < memberFloor) return null;
  const byUnit = new Map<string, { members: number; previousMembers: number }>();
  for (const member of activity.members) {
    const counts = byUnit.get(member.unit) ?? { members: 0, previousMembers: 0 };
    if ((member.activeDays & current) !== 0) counts.members += 1;
    if ((member.activeDays & previous) !== 0) counts.previousMembers += 1;
    byUnit.set(member.unit, counts);
  }
  const surges = [...byUnit]
    .map(([unit, counts]) => ({
      unit,
      ...counts,
      ratio: counts.members / Math.max(1, counts.previousMembers),
    }))
    .filter((surge) => surge.members >= memberFloor && surge.ratio >= surgeRatio)
    .sort((a, b) => b.ratio - a.ratio || b.members - a.members || (a.unit < b.unit ? -1 : 1));
  return surges[0] ?? null;
}

/** One of an author's stories flagged as a hot spot, since when. */
export interface AuthorHotSpot {
  storyId: string;
  flaggedSince: Date;
}

/**
 * Whether a story fits in its author's share of hot spots (`SCORING.hot.maxHotSpotsPerAuthor`, against one
 * author flooding the queue, mastodon#18181). `authorHotSpots` are the author's stories flagged now, this one
 * included if it is; first flagged, first served (ties by story id), and a story not yet flagged comes after
 * them all. The order never depends on the scores, so stories do not take turns pushing each other out.
 */
export function withinAuthorShare(storyId: string, authorHotSpots: readonly AuthorHotSpot[]): boolean {
  const own = authorHotSpots.find((spot) => spot.storyId === storyId);
  const ahead = authorHotSpots.filter((spot) => {
    if (spot.storyId === storyId) return false;
    if (own === undefined) return true;
    const difference = spot.flaggedSince.getTime() - own.flaggedSince.getTime();
    return difference < 0 || (difference === 0 && spot.storyId < storyId);
  }).length;
  return ahead < SCORING.hot.maxHotSpotsPerAuthor;
}

export interface PracticeStory {
  id: string;
  unit: string;
  createdAt: Date;
}

export interface PracticeHotSpotInput {
  /** The live stories of one practice (a cluster of similar stories), in any order. */
  stories: readonly PracticeStory[];
  /** Default `SCORING.practice.windowDays`. */
  windowDays?: number;
}

export interface PracticeHotSpot {
  flagged: boolean;
  reasons: string[];
  /** Units with a story of the practice within the window, in order of their first such story. */
  units: string[];
  /** Whole days from the first of those stories to the one that brought the last unit (at least 1). */
  spanDays: number | null;
}

/**
 * A practice told independently in `SCORING.practice.unitFloor` or more units, by stories created within the
 * last `windowDays` days, is itself a hot spot: the same idea emerging in several places (beyond the systems
 * we learn from, which rank single posts). Stories dated after now, beyond the clock skew, are ignored.
 */
export function practiceHotSpot(
  input: PracticeHotSpotInput,
  now: Date,
  { unitName }: ReasonOptions = {},
): PracticeHotSpot {
  const windowDays = input.windowDays ?? SCORING.practice.windowDays;
  const fromMs = now.getTime() - windowDays * DAY_MS;
  const toMs = now.getTime() + SCORING.clockSkewMs;
  const firstByUnit = new Map<string, number>();
  for (const story of input.stories) {
    const atMs = story.createdAt.getTime();
    if (atMs < fromMs || atMs > toMs) continue;
    firstByUnit.set(story.unit, Math.min(firstByUnit.get(story.unit) ?? atMs, atMs));
  }
  const arrivals = [...firstByUnit].sort(([unitA, a], [unitB, b]) => a - b || (unitA < unitB ? -1 : 1));
  const first = arrivals[0];
  const last = arrivals.at(-1);
  if (first === undefined || last === undefined) {
    return { flagged: false, reasons: [], units: [], spanDays: null };
  }
  const units = arrivals.map(([unit]) => unit);
  const spanDays = Math.max(1, Math.ceil((last[1] - first[1]) / DAY_MS));
  const flagged = units.length >= SCORING.practice.unitFloor;
  return { flagged, reasons: flagged ? [practiceReason(units, spanDays, unitName)] : [], units, spanDays };
}
