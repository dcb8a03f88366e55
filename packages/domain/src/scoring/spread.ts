import { SCORING } from './constants.js';
import type { StoryActivity, UnitActivity } from './events.js';
import { DAY_MS } from './maths.js';

export interface AdoptionSpread {
  /** Distinct adopters other than the author. */
  members: number;
  /** Units with adopters, in order of their first adoption. */
  units: string[];
  /** Those whose first adoption is within the last `SCORING.spread.newUnitDays` days. */
  newUnits: string[];
  /** Whole days from the first adoption to the last (at least 1). */
  spanDays: number;
}

export interface Spread {
  score: number;
  /** Units of the members other than the author who engaged or adopted, in order of arrival. */
  units: string[];
  /** Those whose first member arrived within the last `SCORING.spread.newUnitDays` days. */
  newUnits: string[];
  /** Normalised Shannon entropy of distinct members per unit: 0 all in one unit, 1 evenly spread. */
  evenness: number;
  /** Null when nobody adopted. */
  adoption: AdoptionSpread | null;
}

/**
 * Pielou's evenness J = H / ln N, with H = −Σ p ln p over the N units and p a unit's share of the members:
 * normalised by N, so it measures how even, not how many. 0 below 2 units (nothing to be even about).
 */
export function evenness(membersPerUnit: readonly number[]): number {
  if (membersPerUnit.length < 2) return 0;
  const total = membersPerUnit.reduce((sum, members) => sum + members, 0);
  let entropy = 0;
  for (const members of membersPerUnit) {
    const share = members / total;
    entropy -= share * Math.log(share);
  }
  return entropy / Math.log(membersPerUnit.length);
}

/**
 * How far a story travelled across business units:
 *   spread = reach × (1 + J) / 2 + newUnitBonus × newReach
 * where reach sums the units reached (the author's own at `SCORING.authorUnitWeight`), J is the evenness (an
 * uneven spread keeps at least half of its reach: a unit with one engaged member is still reached), and
 * newReach sums, the same way, the units that arrived within the last `newUnitDays` days.
 */
export function measureSpread(activity: StoryActivity, authorUnit: string, now: Date): Spread {
  const { newUnitDays, newUnitBonus } = SCORING.spread;
  const newSinceMs = now.getTime() - newUnitDays * DAY_MS;
  const weightOf = (unit: UnitActivity) => (unit.unit === authorUnit ? SCORING.authorUnitWeight : 1);

  let reach = 0;
  let newReach = 0;
  const newUnits: string[] = [];
  for (const unit of activity.units) {
    reach += weightOf(unit);
    if (unit.firstAt >= newSinceMs) {
      newReach += weightOf(unit);
      newUnits.push(unit.unit);
    }
  }
  const evenSpread = evenness(activity.units.map((unit) => unit.members));

  return {
    score: (reach * (1 + evenSpread)) / 2 + newUnitBonus * newReach,
    units: activity.units.map((unit) => unit.unit),
    newUnits,
    evenness: evenSpread,
    adoption: adoptionSpread(activity.units, newSinceMs),
  };
}

function adoptionSpread(units: readonly UnitActivity[], newSinceMs: number): AdoptionSpread | null {
  const adopting = units
    .flatMap(({ unit, adoptions }) => (adoptions === null ? [] : [{ unit, ...adoptions }]))
    .sort((a, b) => a.firstAt - b.firstAt || (a.unit < b.unit ? -1 : 1));
  const first = adopting[0];
  if (first === undefined) return null;
  const lastAt = adopting.reduce((latest, unit) => Math.max(latest, unit.lastAt), first.lastAt);
  return {
    members: adopting.reduce((sum, unit) => sum + unit.adopters, 0),
    units: adopting.map((unit) => unit.unit),
    newUnits: adopting.filter((unit) => unit.firstAt >= newSinceMs).map((unit) => unit.unit),
    spanDays: Math.max(1, Math.ceil((lastAt - first.firstAt) / DAY_MS)),
  };
}
