/** The plain-text part: the same content as the HTML part, for clients and readers that do not show HTML. */
import {
  EMPTY_SECTION_TEXT,
  SECTION_TITLES,
  adoptionByUnitTable,
  droppedAdoptionsTable,
  formatDateTime,
  formatPeriod,
  formatScore,
  generatedNote,
  glanceFigures,
  headlineFacts,
  practiceSpread,
  privacyNote,
  reportSubject,
  storyUrl,
  type ReportTable,
} from './weekly-report-format.js';
import type { WeeklyReport } from '@kf/domain';

function heading(title: string): string[] {
  return ['', title.toUpperCase(), '='.repeat(title.length)];
}

/** Columns padded to their widest cell; numbers aligned right as in the HTML table. */
function textTable(table: ReportTable): string[] {
  const lines = [table.columns.map((column) => column.label), ...table.rows];
  const widths = table.columns.map((_, index) =>
    Math.max(...lines.map((line) => (line[index] ?? '').length)),
  );
  const format = (line: string[]) =>
    line
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return table.columns[index]?.numeric ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const [header = [], ...rows] = lines;
  return [
    `${table.caption}:`,
    format(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(format),
  ];
}

function tableOrSentence(table: ReportTable, emptySentence: string): string[] {
  return table.rows.length === 0 ? [emptySentence] : textTable(table);
}

function orEmpty(lines: string[], emptySentence: string): string[] {
  return lines.length === 0 ? [emptySentence] : lines;
}

export function weeklyReportText(report: WeeklyReport, { appUrl }: { appUrl: string }): string {
  const { timeZone } = report;
  const headlines = report.headlines.flatMap((headline) => [
    `* ${headline.headline}`,
    `  Story: ${headline.storyTitle} <${storyUrl(appUrl, headline.storyId)}>`,
    ...headlineFacts(headline, timeZone).map(({ label, value }) => `  ${label}: ${value}`),
    '',
  ]);
  const hotSpots = report.hotSpots.flatMap((hotSpot) => [
    `* ${hotSpot.title} <${storyUrl(appUrl, hotSpot.storyId)}>`,
    `  ${hotSpot.unit}, hot score ${formatScore(hotSpot.score)}, flagged ${formatDateTime(hotSpot.flaggedAt, timeZone)}`,
    ...hotSpot.reasons.map((reason) => `  - ${reason}`),
    '',
  ]);
  const practices = report.practices.flatMap((practice) => [
    `* ${practice.label}: ${practiceSpread(practice)}`,
    `  ${practice.units.join(', ')}`,
  ]);
  const unitsReached = report.unitsReachedPerWeek.map((week) => `${week.week}: ${week.units} units`);

  return [
    reportSubject(report),
    formatPeriod(report),
    ...heading(SECTION_TITLES.glance),
    ...glanceFigures(report).map((figure) => `${figure.label}: ${figure.value} (${figure.change})`),
    ...heading(SECTION_TITLES.headlines),
    ...orEmpty(headlines, EMPTY_SECTION_TEXT.headlines),
    ...heading(SECTION_TITLES.hotSpots),
    ...orEmpty(hotSpots, EMPTY_SECTION_TEXT.hotSpots),
    ...heading(SECTION_TITLES.practices),
    ...orEmpty(practices, EMPTY_SECTION_TEXT.practices),
    ...heading(SECTION_TITLES.adoptionByUnit),
    ...tableOrSentence(adoptionByUnitTable(report), EMPTY_SECTION_TEXT.adoptionByUnit),
    ...heading(SECTION_TITLES.droppedAdoptions),
    ...tableOrSentence(droppedAdoptionsTable(report), EMPTY_SECTION_TEXT.droppedAdoptions),
    ...heading(SECTION_TITLES.unitsReached),
    ...orEmpty(unitsReached, EMPTY_SECTION_TEXT.unitsReached),
    '',
    '--',
    privacyNote(report),
    generatedNote(report),
    `Open Knowledge Feed: ${appUrl}`,
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
