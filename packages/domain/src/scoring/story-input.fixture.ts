/** Builders for the scoring tests: a fixed clock, stories and members' events. */
import type { EngagementKind, StoryEvent, StoryScoringInput } from './events.js';
import { DAY_MS, HOUR_MS } from './maths.js';

export const NOW = new Date('2026-11-23T12:00:00Z');

export function hoursAgo(hours: number): Date {
  return new Date(NOW.getTime() - hours * HOUR_MS);
}

export function daysAgo(days: number): Date {
  return new Date(NOW.getTime() - days * DAY_MS);
}

export const AUTHOR = { id: 'author', unit: 'it' };

/** A story by AUTHOR, created two days before NOW unless told otherwise. */
export function story(events: StoryEvent[], overrides: Partial<StoryScoringInput> = {}): StoryScoringInput {
  return {
    storyId: 'story',
    authorId: AUTHOR.id,
    authorUnit: AUTHOR.unit,
    createdAt: daysAgo(2),
    events,
    unitSizes: new Map(),
    ...overrides,
  };
}

export function event(
  kind: EngagementKind,
  memberId: string,
  unit: string,
  at: Date = hoursAgo(1),
): StoryEvent {
  return { kind, memberId, unit, atMs: at.getTime(), byAuthor: false };
}

/** `count` members of `unit` (ids `unit-1`…), each doing every one of `kinds` at `at`. */
export function members(
  unit: string,
  count: number,
  kinds: EngagementKind[] = ['view', 'reaction'],
  at: Date = hoursAgo(1),
): StoryEvent[] {
  return Array.from({ length: count }, (_, index) =>
    kinds.map((kind) => event(kind, `${unit}-${index + 1}`, unit, at)),
  ).flat();
}
