/**
 * Wording and figures shared by the HTML and plain-text parts, so that both say the same thing.
 * Everything here is plain text; escaping is the HTML renderer's job.
 */
import type { Figure, ReportHeadline, ReportPractice, UnitsReachedPerWeek, WeeklyReport } from '@kf/domain';

export const SECTION_TITLES = {
  glance: 'The week at a glance',
  headlines: 'Headlines and their spread',
  hotSpots: 'New hot spots',
  practices: 'Emerging practices',
  adoptionByUnit: 'Adoption by business unit',
  droppedAdoptions: 'Dropped adoptions',
  unitsReached: 'Units reached per week',
} as const;

/** Said instead of an empty section, so a reader knows the section was not forgotten. */
export const EMPTY_SECTION_TEXT = {
  headlines: 'No headlines this week.',
  hotSpots: 'No new hot spots this week.',
  practices: 'No emerging practices this week.',
  adoptionByUnit: 'No business unit engaged with stories this week.',
  droppedAdoptions: 'No adoption was dropped this week.',
  unitsReached: 'No weekly unit counts are available yet.',
} as const;

const counts = new Intl.NumberFormat('en-GB');
const rates = new Intl.NumberFormat('en-GB', {
  signDisplay: 'exceptZero',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const scores = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function formatCount(value: number): string {
  return counts.format(value);
}

function formatDay(iso: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone: string): string {
  const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `${dateTime.format(new Date(iso))} (${timeZone})`;
}

/** The period's end is exclusive, so its last day is the one holding the millisecond before it. */
export function formatPeriod({ period, timeZone }: WeeklyReport): string {
  const lastDay = formatDay(Date.parse(period.end) - 1, timeZone);
  return `${formatDay(period.start, timeZone)} – ${lastDay} (${timeZone})`;
}

export function reportSubject(report: WeeklyReport): string {
  return `Knowledge Feed spread report — ${report.isoWeek}`;
}

export type Trend = 'up' | 'down' | 'flat';

export interface GlanceFigure {
  label: string;
  value: string;
  trend: Trend;
  change: string;
}

function describeChange({ change }: Figure): { trend: Trend; change: string } {
  if (change > 0) return { trend: 'up', change: `↑ ${formatCount(change)} vs last week` };
  if (change < 0) return { trend: 'down', change: `↓ ${formatCount(-change)} vs last week` };
  return { trend: 'flat', change: 'same as last week' };
}

export function glanceFigures({ glance }: WeeklyReport): GlanceFigure[] {
  const labelled: Array<[string, Figure]> = [
    ['Stories shared', glance.stories],
    ['Active members', glance.activeMembers],
    ['Business units engaged', glance.unitsEngaged],
    ['Adoptions', glance.adoptions],
  ];
  return labelled.map(([label, figure]) => ({
    label,
    value: formatCount(figure.value),
    ...describeChange(figure),
  }));
}

export interface Fact {
  label: string;
  value: string;
}

/**
 * Lift is the change in adoptions per day after amplification; lift over control subtracts the change of
 * similar stories that were not amplified (difference-in-differences, see packages/domain spread).
 */
export function headlineFacts(headline: ReportHeadline, timeZone: string): Fact[] {
  return [
    { label: 'Amplified', value: formatDateTime(headline.amplifiedAt, timeZone) },
    { label: 'Units reached', value: formatCount(headline.unitsReached) },
    { label: 'New units this week', value: formatCount(headline.newUnitsThisWeek) },
    {
      label: 'Adoptions',
      value: `${formatCount(headline.adoptions)} (${formatCount(headline.adoptionsThisWeek)} this week)`,
    },
    { label: 'Lift', value: `${rates.format(headline.lift)} adoptions/day since amplification` },
    {
      label: 'Lift over control',
      value:
        headline.liftOverControl === null
          ? 'n/a (no similar stories to compare with)'
          : `${rates.format(headline.liftOverControl)} adoptions/day beyond similar stories`,
    },
  ];
}

export function formatScore(score: number): string {
  return scores.format(score);
}

export function practiceSpread(practice: ReportPractice): string {
  const stories = practice.storyCount === 1 ? '1 story' : `${formatCount(practice.storyCount)} stories`;
  return `${formatCount(practice.unitCountLastWeek)} → ${formatCount(practice.unitCount)} units, ${stories}`;
}

export interface ReportTable {
  /** Said to screen readers and in the plain text as the table's caption. */
  caption: string;
  columns: Array<{ label: string; numeric: boolean }>;
  rows: string[][];
}

export function adoptionByUnitTable({ adoptionByUnit }: WeeklyReport): ReportTable {
  return {
    caption: 'Activity per business unit this week',
    columns: [
      { label: 'Business unit', numeric: false },
      { label: 'Active members', numeric: true },
      { label: 'Stories', numeric: true },
      { label: 'Engagements', numeric: true },
      { label: 'Adoptions', numeric: true },
    ],
    rows: adoptionByUnit.map((row) => [
      row.unit,
      ...[row.activeMembers, row.stories, row.engagements, row.adoptions].map(formatCount),
    ]),
  };
}

export function droppedAdoptionsTable({ droppedAdoptions }: WeeklyReport): ReportTable {
  return {
    caption: 'Adoptions dropped this week, per story and business unit',
    columns: [
      { label: 'Story', numeric: false },
      { label: 'Business unit', numeric: false },
      { label: 'Dropped', numeric: true },
    ],
    rows: droppedAdoptions.map((row) => [row.storyTitle, row.unit, formatCount(row.count)]),
  };
}

export function adoptionCurveAlt(headline: ReportHeadline): string {
  const buckets = headline.series.length;
  const last = headline.series[buckets - 1];
  if (!last) return `Adoption curve of "${headline.headline}": no adoptions yet.`;
  const adoptions = headline.series.reduce((sum, bucket) => sum + bucket.adoptions, 0);
  return (
    `Adoption curve of "${headline.headline}": ${formatCount(adoptions)} adoptions over ${buckets} periods, ` +
    `reaching ${formatCount(last.cumulativeUnits)} business units.`
  );
}

/** Eight values are few enough to read out in full to a screen reader. */
export function unitsReachedAlt(weeks: UnitsReachedPerWeek): string {
  return `Business units reached per week: ${weeks.map((week) => `${week.week}: ${week.units}`).join(', ')}.`;
}

export function privacyNote({ minUnitMembers }: WeeklyReport): string {
  return (
    `To protect small teams, units with fewer than ${minUnitMembers} active members are folded into ` +
    `"Other units" in the per-unit figures.`
  );
}

export function generatedNote(report: WeeklyReport): string {
  return `Built once from a snapshot taken ${formatDateTime(report.generatedAt, report.timeZone)}.`;
}

export function storyUrl(appUrl: string, storyId: string): string {
  return `${appUrl.replace(/\/+$/, '')}/stories/${encodeURIComponent(storyId)}`;
}
