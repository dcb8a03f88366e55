import {
  DomainError,
  type Figure,
  foldSmallUnits,
  isoWeekBefore,
  isoWeekPeriod,
  OTHER_UNITS,
  type WeeklyReport,
} from '@kf/domain';
import type { Database } from '../client.js';
import * as weeklyReports from '../repositories/weekly-reports.repository.js';
import { loadAmplificationSpread } from './amplification-spread.service.js';

export interface WeeklyReportSettings {
  timeZone: string;
  minUnitMembers: number;
}

/** Weeks shown in the units-reached chart. */
const CHART_WEEKS = 8;

const figure = (value: number, previous: number): Figure => ({ value, previous, change: value - previous });

/**
 * Builds the report of one ISO week from the database as it is now (a snapshot of that week's events), with
 * per-unit figures of units under the privacy floor folded into "Other units".
 */
export async function buildWeeklyReport(
  db: Database,
  isoWeek: string,
  settings: WeeklyReportSettings,
  now: Date,
): Promise<WeeklyReport> {
  const { timeZone, minUnitMembers } = settings;
  const period = isoWeekPeriod(isoWeek, timeZone);
  if (period.end > now)
    throw new DomainError('week_not_over', `${isoWeek} ends at ${period.end.toISOString()}`);
  const previous = isoWeekPeriod(isoWeekBefore(isoWeek, timeZone), timeZone);

  const thisWeekFigures = weeklyReports.glanceFigures(db, period);
  const [thisWeek, lastWeek, units, dropped, hotSpots, practices, headlines] = await Promise.all([
    thisWeekFigures,
    weeklyReports.glanceFigures(db, previous),
    thisWeekFigures.then((figures) => weeklyReports.unitActivity(db, period, figures.activeByUnit)),
    weeklyReports.droppedAdoptions(db, period),
    weeklyReports.newHotSpots(db, period),
    weeklyReports.emergingPractices(db, period),
    weeklyReports.amplificationsDuring(db, period),
  ]);
  // A unit's name is shown only when it had enough active members this week; else it is "Other units".
  const activeByUnit = new Map(units.map((row) => [row.unit, row.activeMembers]));
  const shown = (unit: string) => ((activeByUnit.get(unit) ?? 0) >= minUnitMembers ? unit : OTHER_UNITS);
  const droppedByUnit = new Map<string, { storyTitle: string; unit: string; count: number }>();
  for (const row of dropped) {
    const unit = shown(row.unit);
    const key = `${row.storyTitle}\u0000${unit}`;
    const entry = droppedByUnit.get(key) ?? { storyTitle: row.storyTitle, unit, count: 0 };
    entry.count += row.count;
    droppedByUnit.set(key, entry);
  }

  const unitsReachedPerWeek = [];
  for (let n = CHART_WEEKS - 1; n >= 0; n -= 1) {
    const week = n === 0 ? isoWeek : isoWeekBefore(isoWeek, timeZone, n);
    unitsReachedPerWeek.push({
      week,
      units: await weeklyReports.adoptingUnitCount(db, isoWeekPeriod(week, timeZone)),
    });
  }

  return {
    isoWeek,
    timeZone,
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    generatedAt: now.toISOString(),
    minUnitMembers,
    glance: {
      stories: figure(thisWeek.stories, lastWeek.stories),
      activeMembers: figure(thisWeek.activeMembers, lastWeek.activeMembers),
      unitsEngaged: figure(thisWeek.unitsEngaged, lastWeek.unitsEngaged),
      adoptions: figure(thisWeek.adoptions, lastWeek.adoptions),
    },
    headlines: await Promise.all(
      headlines.map(async (amplification) => {
        const spread = await loadAmplificationSpread(db, amplification, period.end, 'week');
        const storyIds = [amplification.storyId, ...spread.practiceStoryIds];
        const [adoptions, adoptionsThisWeek] = await Promise.all([
          weeklyReports.countAdoptions(db, storyIds, { end: period.end }),
          weeklyReports.countAdoptions(db, storyIds, period),
        ]);
        return {
          amplificationId: amplification.id,
          storyId: amplification.storyId,
          headline: amplification.headline,
          storyTitle: amplification.storyTitle,
          amplifiedAt: amplification.amplifiedAt.toISOString(),
          unitsReached: spread.units.length,
          newUnitsThisWeek: spread.units.filter((unit) => new Date(unit.firstAdoptionAt) >= period.start)
            .length,
          adoptions,
          adoptionsThisWeek,
          lift: spread.lift,
          liftOverControl: spread.liftOverControl,
          series: spread.series,
        };
      }),
    ),
    hotSpots: hotSpots.map((row) => ({
      storyId: row.storyId,
      title: row.title,
      unit: shown(row.unit),
      score: row.score,
      flaggedAt: row.flaggedSince!.toISOString(),
      reasons: row.reasons,
    })),
    practices: practices.map((row) => ({ ...row, units: [...new Set((row.units ?? []).map(shown))] })),
    adoptionByUnit: foldSmallUnits(units, minUnitMembers),
    droppedAdoptions: [...droppedByUnit.values()],
    unitsReachedPerWeek,
  };
}

/** The stored report of a week, built once on first demand; a later call returns the stored one. */
export async function ensureWeeklyReport(
  db: Database,
  isoWeek: string,
  settings: WeeklyReportSettings,
  now: Date,
) {
  const stored = await weeklyReports.findWeeklyReport(db, isoWeek);
  if (stored) return stored;
  const report = await buildWeeklyReport(db, isoWeek, settings, now);
  return weeklyReports.insertWeeklyReportOnce(db, {
    isoWeek,
    timeZone: settings.timeZone,
    periodStart: new Date(report.period.start),
    periodEnd: new Date(report.period.end),
    report,
    builtAt: now,
  });
}

/** An admin's explicit rebuild: replaces the stored report, recorded with who did it. */
export async function rebuildWeeklyReport(
  db: Database,
  isoWeek: string,
  settings: WeeklyReportSettings,
  now: Date,
  by: string,
) {
  await ensureWeeklyReport(db, isoWeek, settings, now);
  await weeklyReports.replaceWeeklyReport(
    db,
    isoWeek,
    await buildWeeklyReport(db, isoWeek, settings, now),
    now,
    by,
  );
  return (await weeklyReports.findWeeklyReport(db, isoWeek))!;
}
