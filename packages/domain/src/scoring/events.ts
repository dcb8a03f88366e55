/**
 * The scoring input (a story and everything members did with it) and the one pass over its events that every
 * score reads from: per member, what they did, at most once per kind.
 */
import { SCORING } from './constants.js';
import { DAY_MS } from './maths.js';

export type EngagementKind = 'view' | 'reaction' | 'share' | 'comment' | 'adoption';

export const ENGAGEMENT_KINDS: readonly EngagementKind[] = [
  'view',
  'reaction',
  'share',
  'comment',
  'adoption',
];

export interface StoryEvent {
  kind: EngagementKind;
  memberId: string;
  /** The member's business-unit slug when the event happened. */
  unit: string;
  /**
   * When it happened, in milliseconds since the epoch: a number, not a Date, since a refresh reads a million
   * events and every object more per event is felt in garbage collection.
   */
  atMs: number;
  /** By the story's author: counts for nothing. */
  byAuthor: boolean;
  /** A comment by an executive. */
  endorsement?: boolean;
}

export interface StoryScoringInput {
  storyId: string;
  authorId: string;
  authorUnit: string;
  createdAt: Date;
  /** In any order. */
  events: readonly StoryEvent[];
  /** Members known per unit, for size normalisation; a unit missing here counts as small. */
  unitSizes: ReadonlyMap<string, number>;
}

/**
 * Days of activity kept per member, as bits of a 32-bit integer: enough for hot's last evaluation (windows
 * ending `peakLookbackDays − 1` days ago) to see its previous window.
 */
export const DAYS_TRACKED = SCORING.hot.peakLookbackDays - 1 + 2 * SCORING.hot.windowDays;

/** What one member other than the author did with a story: one member adds at most one of each kind. */
export interface MemberActivity {
  memberId: string;
  /** The unit of the member's first event, so that a member who changed units still counts once. */
  unit: string;
  /** The member's first event (ms): when they, and perhaps their unit, arrived. */
  firstAt: number;
  /** The latest event of each kind (ms): a kind counts once per member, as fresh as the member keeps it. */
  latestAt: Partial<Record<EngagementKind, number>>;
  /** The member commented as an executive. */
  endorsed: boolean;
  /** Bit d is set when the member did something d whole days before now (d < DAYS_TRACKED). */
  activeDays: number;
}

/** The members of one unit, together. */
export interface UnitActivity {
  unit: string;
  members: number;
  /** The first event of any of its members (ms). */
  firstAt: number;
  /** Its members' `activeDays`, combined. */
  activeDays: number;
  /** Its members' adoptions: how many, the first and the last (ms); null when none of them adopted. */
  adoptions: { adopters: number; firstAt: number; lastAt: number } | null;
}

export interface StoryActivity {
  /** By member id, so that the result never depends on the order of the events. */
  members: MemberActivity[];
  /** In order of arrival (then by slug). */
  units: UnitActivity[];
  /** Events dated after `now` plus the allowed clock skew: left out (anti-gaming), counted for the record. */
  ignoredFutureEvents: number;
}

/**
 * One pass over the events: the author's are dropped (by flag or by id, defensively), future-dated ones too,
 * and the rest folded into one entry per member. Then one pass over members groups them by unit.
 */
export function collectActivity(input: StoryScoringInput, now: Date): StoryActivity {
  const nowMs = now.getTime();
  const latestAllowedMs = nowMs + SCORING.clockSkewMs;
  const byMember = new Map<string, MemberActivity>();
  let ignoredFutureEvents = 0;

  for (const event of input.events) {
    if (event.byAuthor || event.memberId === input.authorId) continue;
    const { atMs } = event;
    if (atMs > latestAllowedMs) {
      ignoredFutureEvents += 1;
      continue;
    }
    // Events within the skew allowance count as happening now.
    const daysAgo = Math.max(0, Math.floor((nowMs - atMs) / DAY_MS));
    const dayBit = daysAgo < DAYS_TRACKED ? 1 << daysAgo : 0;
    let member = byMember.get(event.memberId);
    if (member === undefined) {
      member = {
        memberId: event.memberId,
        unit: event.unit,
        firstAt: atMs,
        latestAt: {},
        endorsed: false,
        activeDays: 0,
      };
      byMember.set(event.memberId, member);
    } else if (atMs < member.firstAt || (atMs === member.firstAt && event.unit < member.unit)) {
      member.unit = event.unit;
      member.firstAt = atMs;
    }
    const latest = member.latestAt[event.kind];
    if (latest === undefined || atMs > latest) member.latestAt[event.kind] = atMs;
    if (event.kind === 'comment' && event.endorsement === true) member.endorsed = true;
    member.activeDays |= dayBit;
  }

  const members = [...byMember.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const byUnit = new Map<string, UnitActivity>();
  for (const member of members) {
    let unit = byUnit.get(member.unit);
    if (unit === undefined) {
      unit = {
        unit: member.unit,
        members: 0,
        firstAt: member.firstAt,
        activeDays: 0,
        adoptions: null,
      };
      byUnit.set(member.unit, unit);
    }
    unit.members += 1;
    unit.firstAt = Math.min(unit.firstAt, member.firstAt);
    unit.activeDays |= member.activeDays;
    const adoptedAt = member.latestAt.adoption;
    if (adoptedAt === undefined) continue;
    const adoptions = unit.adoptions ?? { adopters: 0, firstAt: adoptedAt, lastAt: adoptedAt };
    adoptions.adopters += 1;
    adoptions.firstAt = Math.min(adoptions.firstAt, adoptedAt);
    adoptions.lastAt = Math.max(adoptions.lastAt, adoptedAt);
    unit.adoptions = adoptions;
  }
  const units = [...byUnit.values()].sort((a, b) => a.firstAt - b.firstAt || (a.unit < b.unit ? -1 : 1));
  return { members, units, ignoredFutureEvents };
}
