/**
 * Why a story or a practice is a hot spot, in words a curator understands (mastodon/documentation#1458:
 * trends never say why). Built from the facts stored with the scores, which the UI and reports can show too.
 */
import { SCORING } from './constants.js';
import type { UnitSurge, WindowCounts } from './hot.js';
import type { AdoptionSpread } from './spread.js';

/** Maps a business-unit slug to the name shown to people; the slug itself by default. */
export type UnitName = (slug: string) => string;

export interface ReasonOptions {
  unitName?: UnitName;
}

/** The figures behind a story's scores and reasons, stored with them for the UI and reports. */
export type ScoreFacts = {
  /** Distinct members other than the author who engaged or adopted. */
  members: number;
  /** Their business units, in order of arrival. */
  units: string[];
  /** Units whose first member arrived within the last `SCORING.spread.newUnitDays` days. */
  newUnits: string[];
  /** Normalised Shannon entropy of members per unit: 0 all in one unit, 1 evenly spread. */
  evenness: number;
  adoption: AdoptionSpread | null;
  /** Members other than the author who commented as executives. */
  endorsements: number;
  /** Distinct members and units in the last `SCORING.hot.windowDays` days, and in the window before. */
  current: WindowCounts;
  previous: WindowCounts;
  /** The story is older than one window, so `previous` is a real baseline. */
  hasBaseline: boolean;
  surge: UnitSurge | null;
  /** Whole days since the windows that gave the hot score its peak; null when the hot score is 0. */
  peakDaysAgo: number | null;
  /** Events dated in the future, left out. */
  ignoredFutureEvents: number;
  /** Hot enough to flag, but the author already holds their share of hot spots. */
  heldBackByAuthorShare: boolean;
};

const bySlug: UnitName = (slug) => slug;

/** "1 business unit", "3 business units". */
function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** ", all new this week" or ", 2 of them new this week" (`newUnitDays` is a week); nothing if none is. */
function newThisWeek(newCount: number, total: number): string {
  if (newCount === 0) return '';
  return newCount === total ? ', all new this week' : `, ${newCount} of them new this week`;
}

/** 2.5 → "2.5×", 5 → "5×". */
function times(ratio: number): string {
  return `${Math.round(ratio * 10) / 10}×`;
}

/** The reasons of a story, strongest first: adoption across units, reach, growth, endorsement. */
export function storyReasons(facts: ScoreFacts, unitName: UnitName = bySlug): string[] {
  const reasons: string[] = [];
  const { adoption, current, previous, surge } = facts;
  if (adoption !== null && adoption.units.length >= 2) {
    const where = counted(adoption.units.length, 'business unit');
    const fresh = newThisWeek(adoption.newUnits.length, adoption.units.length);
    reasons.push(`adopted in ${where} in ${counted(adoption.spanDays, 'day')}${fresh}`);
  }
  if (facts.members >= SCORING.hot.memberFloor && facts.units.length >= SCORING.hot.unitFloor) {
    const who = counted(facts.members, 'person', 'people');
    const where = counted(facts.units.length, 'business unit');
    reasons.push(
      `engaged by ${who} across ${where}${newThisWeek(facts.newUnits.length, facts.units.length)}`,
    );
  }
  if (facts.hasBaseline && current.members >= SCORING.hot.memberFloor && current.members > previous.members) {
    const who = counted(current.members, 'person', 'people');
    reasons.push(`${who} this week, against ${previous.members || 'none'} the week before`);
  }
  if (surge !== null) {
    reasons.push(`${times(surge.ratio)} the engagement expected for ${unitName(surge.unit)}`);
  }
  if (facts.endorsements > 0) {
    const who = facts.endorsements === 1 ? 'an executive' : `${facts.endorsements} executives`;
    reasons.push(`endorsed by ${who}`);
  }
  return reasons;
}

/** "the same practice appears in 3 business units in 12 days: Finance, Sales, Operations". */
export function practiceReason(
  units: readonly string[],
  spanDays: number,
  unitName: UnitName = bySlug,
): string {
  const where = counted(units.length, 'business unit');
  const names = units.map((unit) => unitName(unit)).join(', ');
  return `the same practice appears in ${where} in ${counted(spanDays, 'day')}: ${names}`;
}
