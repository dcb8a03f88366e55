/** A figure of the week next to the same figure one week earlier. */
export interface Figure {
  value: number;
  previous: number;
  /** value - previous */
  change: number;
}

/** The weekly spread report as built once from a database snapshot of its ISO week (JSON-ready). */
export interface WeeklyReport {
  /** e.g. "2026-W47" */
  isoWeek: string;
  /** REPORT_TZ, e.g. "Europe/Paris": dates in the report are shown in it. */
  timeZone: string;
  /** ISO instants, end exclusive. */
  period: { start: string; end: string };
  generatedAt: string;
  /** Privacy floor: units with fewer active members are folded into "Other units". */
  minUnitMembers: number;
  glance: { stories: Figure; activeMembers: Figure; unitsEngaged: Figure; adoptions: Figure };
  headlines: Array<{
    amplificationId: string;
    storyId: string;
    headline: string;
    storyTitle: string;
    amplifiedAt: string;
    unitsReached: number;
    newUnitsThisWeek: number;
    adoptions: number;
    adoptionsThisWeek: number;
    lift: number;
    liftOverControl: number | null;
    series: Array<{ start: string; adoptions: number; cumulativeUnits: number }>;
  }>;
  hotSpots: Array<{
    storyId: string;
    title: string;
    unit: string;
    score: number;
    flaggedAt: string;
    reasons: string[];
  }>;
  practices: Array<{
    practiceId: string;
    label: string;
    storyCount: number;
    unitCount: number;
    unitCountLastWeek: number;
    units: string[];
  }>;
  /** Already folded; "Other units" possibly last. */
  adoptionByUnit: Array<{
    unit: string;
    activeMembers: number;
    stories: number;
    engagements: number;
    adoptions: number;
  }>;
  droppedAdoptions: Array<{ storyTitle: string; unit: string; count: number }>;
  /** The last 8 ISO weeks, for a chart. */
  unitsReachedPerWeek: Array<{ week: string; units: number }>;
}

export type ReportHeadline = WeeklyReport['headlines'][number];
export type AdoptionCurve = ReportHeadline['series'];
export type ReportHotSpot = WeeklyReport['hotSpots'][number];
export type ReportPractice = WeeklyReport['practices'][number];
export type UnitsReachedPerWeek = WeeklyReport['unitsReachedPerWeek'];
