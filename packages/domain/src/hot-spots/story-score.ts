/**
 * Scores of one story from its events and `now` (pure): engagement, cross-unit spread, and `hot`, the
 * emergence score that flags hot spots, with reasons in words a curator understands.
 */

export type EventKind = 'view' | 'reaction' | 'share' | 'comment' | 'adoption';

export interface StoryEvent {
  kind: EventKind;
  memberId: string;
  unit: string;
  at: Date;
  byAuthor: boolean;
  /** A comment by an executive. */
  endorsement?: boolean;
}

export interface StoryScoringInput {
  authorUnit: string;
  events: readonly StoryEvent[];
  /** Members known per unit, for size normalisation. */
  unitSizes: ReadonlyMap<string, number>;
}

export interface StoryScore {
  engagement: number;
  spread: number;
  hot: number;
  flagged: boolean;
  reasons: string[];
  facts: StoryFacts;
}

export interface StoryFacts {
  /** Distinct members (not the author) and their units, all time. */
  members: number;
  units: string[];
  /** Units whose first engagement falls in the current window. */
  newUnits: string[];
  /** Distinct members and units in the current and previous window. */
  observedMembers: number;
  expectedMembers: number;
  observedUnits: number;
  expectedUnits: number;
  adoptionUnits: number;
  endorsements: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const SCORING = {
  /** Views < reactions < shares < comments < adoptions: each asks more of the member than the one before. */
  weights: { view: 1, reaction: 3, share: 5, comment: 6, adoption: 12 } satisfies Record<EventKind, number>,
  /** An executive's comment is a strong signal inside a company (the seed's "timely little comment from the CEO"). */
  endorsementWeight: 10,
  /** Engagement halves every 3 days: practice stories are read over days, not hours like social posts. */
  engagementHalfLifeMs: 72 * HOUR_MS,
  /** Events further ahead than this clock skew are ignored (Lemmy zeroes future-dated posts: anti-gaming). */
  clockSkewMs: 5 * 60_000,
  /** Observed vs expected compare this week with the week before (Mastodon compares today with yesterday). */
  windowMs: 7 * DAY_MS,
  /** A member's weight in `observed` halves every 2 days of silence (Mastodon's decaying peak, 4–8 h there). */
  hotHalfLifeMs: 48 * HOUR_MS,
  /** Floors: nothing is hot below 3 distinct members and 2 distinct units (one member or unit alone can't). */
  minMembers: 3,
  minUnits: 2,
  /** Crossing units is the point of the product: a unit more than expected weighs ten members more. */
  unitWeight: 10,
  /**
   * Lemmy scales by log of community size so big communities don't drown small ones; we weigh each member
   * by 1/log10(unit size), clamping sizes below 10 so a tiny unit isn't over-favoured (lemmy#5210).
   */
  minUnitSizeForScaling: 10,
  /** Flagged as a hot spot from this hot score: 4 members in 3 units within a week (49) clears it, 3 in 2 (14) not. */
  hotSpotThreshold: 15,
  /** The author's own unit counts half in spread: spreading means reaching beyond it. */
  authorUnitShare: 0.5,
  /** A unit's engagement "N× expected" is worth saying from this ratio. */
  unitSurgeRatio: 2,
};

const decay = (ageMs: number, halfLifeMs: number) => 0.5 ** (Math.max(0, ageMs) / halfLifeMs);

/** Member weight for unit size (Lemmy's scaled rank, clamped for tiny units). */
function memberWeight(unit: string, unitSizes: ReadonlyMap<string, number>): number {
  return 1 / Math.log10(Math.max(unitSizes.get(unit) ?? 0, SCORING.minUnitSizeForScaling));
}

/** Mastodon trends: 0 below the floor or when fewer than expected, else (observed − expected)² / expected. */
export function emergence(observed: number, expected: number, floorMet: boolean): number {
  const baseline = Math.max(1, expected);
  return floorMet && observed > baseline ? (observed - baseline) ** 2 / baseline : 0;
}

/** Normalised Shannon entropy of members per unit: 1 when evenly spread, 0 when all in one unit. */
export function evenness(membersPerUnit: readonly number[]): number {
  const total = membersPerUnit.reduce((sum, n) => sum + n, 0);
  if (membersPerUnit.length < 2 || total === 0) return 0;
  const entropy = membersPerUnit.reduce(
    (sum, n) => (n === 0 ? sum : sum - (n / total) * Math.log(n / total)),
    0,
  );
  return entropy / Math.log(membersPerUnit.length);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const unitsWord = (n: number) => `${n} business unit${n === 1 ? '' : 's'}`;

export function scoreStory(
  input: StoryScoringInput,
  now: Date,
  unitName: (slug: string) => string = (slug) => slug,
): StoryScore {
  const nowMs = now.getTime();
  const windowStart = nowMs - SCORING.windowMs;
  const previousStart = windowStart - SCORING.windowMs;

  // One pass: the author's events and future-dated ones count for nothing; each member counts once per kind.
  const latestByMemberKind = new Map<string, StoryEvent>();
  const firstAtByUnit = new Map<string, number>();
  const latestAtByMember = new Map<string, { at: number; unit: string }>();
  const previousMembers = new Map<string, string>();
  const adoptionFirstAtByUnit = new Map<string, number>();
  let endorsements = 0;
  for (const event of input.events) {
    const at = event.at.getTime();
    if (event.byAuthor || at > nowMs + SCORING.clockSkewMs) continue;
    const key = `${event.memberId}\u0000${event.kind}`;
    const seen = latestByMemberKind.get(key);
    if (!seen || seen.at.getTime() < at) latestByMemberKind.set(key, event);
    firstAtByUnit.set(event.unit, Math.min(firstAtByUnit.get(event.unit) ?? at, at));
    const latest = latestAtByMember.get(event.memberId);
    if (!latest || latest.at < at) latestAtByMember.set(event.memberId, { at, unit: event.unit });
    if (at >= previousStart && at < windowStart) previousMembers.set(event.memberId, event.unit);
    if (event.kind === 'adoption') {
      adoptionFirstAtByUnit.set(event.unit, Math.min(adoptionFirstAtByUnit.get(event.unit) ?? at, at));
    }
    if (event.kind === 'comment' && event.endorsement) endorsements += 1;
  }

  let engagement = 0;
  for (const event of latestByMemberKind.values()) {
    const weight = SCORING.weights[event.kind] + (event.endorsement ? SCORING.endorsementWeight : 0);
    engagement += weight * decay(nowMs - event.at.getTime(), SCORING.engagementHalfLifeMs);
  }

  // Spread: units reached (the author's counting half), how evenly, and units arriving this week.
  const membersPerUnit = new Map<string, number>();
  for (const { unit } of latestAtByMember.values())
    membersPerUnit.set(unit, (membersPerUnit.get(unit) ?? 0) + 1);
  const units = [...membersPerUnit.keys()].sort();
  const newUnits = units.filter((unit) => (firstAtByUnit.get(unit) ?? 0) >= windowStart);
  const reach = units.reduce(
    (sum, unit) => sum + (unit === input.authorUnit ? SCORING.authorUnitShare : 1),
    0,
  );
  const spread = reach * (0.5 + 0.5 * evenness([...membersPerUnit.values()])) + 0.5 * newUnits.length;

  // Hot: this week against last week, over distinct members (size-weighted, decaying) and distinct units.
  let observedMembers = 0;
  let rawObservedMembers = 0;
  const observedUnits = new Set<string>();
  const observedByUnit = new Map<string, number>();
  for (const { at, unit } of latestAtByMember.values()) {
    if (at < windowStart) continue;
    rawObservedMembers += 1;
    observedUnits.add(unit);
    observedByUnit.set(unit, (observedByUnit.get(unit) ?? 0) + 1);
    observedMembers += memberWeight(unit, input.unitSizes) * decay(nowMs - at, SCORING.hotHalfLifeMs);
  }
  let expectedMembers = 0;
  const expectedByUnit = new Map<string, number>();
  for (const unit of previousMembers.values()) {
    expectedMembers += memberWeight(unit, input.unitSizes);
    expectedByUnit.set(unit, (expectedByUnit.get(unit) ?? 0) + 1);
  }
  const expectedUnits = new Set(previousMembers.values()).size;
  const floorMet = rawObservedMembers >= SCORING.minMembers && observedUnits.size >= SCORING.minUnits;
  const hot =
    emergence(observedMembers, expectedMembers, floorMet) +
    SCORING.unitWeight * emergence(observedUnits.size, expectedUnits, floorMet);
  const flagged = floorMet && hot >= SCORING.hotSpotThreshold;

  const reasons: string[] = [];
  if (adoptionFirstAtByUnit.size >= 2) {
    const since = Math.min(...adoptionFirstAtByUnit.values());
    const days = Math.max(1, Math.ceil((nowMs - since) / DAY_MS));
    const newAdopting = [...adoptionFirstAtByUnit.keys()].filter((unit) => newUnits.includes(unit)).length;
    reasons.push(
      `adopted in ${unitsWord(adoptionFirstAtByUnit.size)} in ${plural(days, 'day')}` +
        (newAdopting ? `, ${newAdopting} of them new this week` : ''),
    );
  }
  if (rawObservedMembers > 0) {
    reasons.push(
      `engaged by ${plural(rawObservedMembers, 'person').replace('persons', 'people')} across ${unitsWord(observedUnits.size)} this week`,
    );
  }
  if (newUnits.length)
    reasons.push(
      `${unitsWord(newUnits.length)} reached for the first time this week: ${newUnits.map(unitName).join(', ')}`,
    );
  const surge = [...observedByUnit]
    .map(([unit, observed]) => ({
      unit,
      observed,
      ratio: observed / Math.max(1, expectedByUnit.get(unit) ?? 0),
    }))
    .filter((entry) => entry.observed >= SCORING.minMembers && entry.ratio >= SCORING.unitSurgeRatio)
    .sort((a, b) => b.ratio - a.ratio || (a.unit < b.unit ? -1 : 1))[0];
  if (surge) reasons.push(`${Math.round(surge.ratio)}× the engagement expected for ${unitName(surge.unit)}`);
  if (endorsements)
    reasons.push(endorsements === 1 ? 'endorsed by an executive' : `endorsed by ${endorsements} executives`);

  return {
    engagement: round(engagement),
    spread: round(spread),
    hot: round(hot),
    flagged,
    reasons: flagged ? reasons : [],
    facts: {
      members: latestAtByMember.size,
      units,
      newUnits,
      observedMembers: rawObservedMembers,
      expectedMembers: previousMembers.size,
      observedUnits: observedUnits.size,
      expectedUnits,
      adoptionUnits: adoptionFirstAtByUnit.size,
      endorsements,
    },
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
