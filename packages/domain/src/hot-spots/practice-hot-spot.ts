/** A practice is itself a hot spot when it appears in this many units within the window. */
export const PRACTICE_HOT_SPOT = {
  minUnits: 3,
  /** Stories written within 30 days of each other count as the same idea emerging "now". */
  windowMs: 30 * 86_400_000,
};

export interface PracticeStory {
  unit: string;
  createdAt: Date;
}

/**
 * The same practice emerging independently in several units: flagged when at least 3 units wrote a story of it
 * within the last 30 days, with a reason naming them.
 */
export function practiceHotSpot(
  practice: { stories: readonly PracticeStory[] },
  now: Date,
  unitName: (slug: string) => string = (slug) => slug,
): { flagged: boolean; reasons: string[] } {
  const since = now.getTime() - PRACTICE_HOT_SPOT.windowMs;
  const recentUnits = [
    ...new Set(
      practice.stories
        .filter((story) => story.createdAt.getTime() >= since && story.createdAt <= now)
        .map((story) => story.unit),
    ),
  ].sort();
  if (recentUnits.length < PRACTICE_HOT_SPOT.minUnits) return { flagged: false, reasons: [] };
  return {
    flagged: true,
    reasons: [
      `the same practice appears in ${recentUnits.length} business units within 30 days: ${recentUnits.map(unitName).join(', ')}`,
    ],
  };
}
