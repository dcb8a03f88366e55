/** The CSV attachment: one row per business unit and per practice, for HR to work on in a spreadsheet. */
import type { WeeklyReport } from '@kf/domain';

type Cell = string | number | null;

const COLUMNS = [
  'section',
  'name',
  'active_members',
  'stories',
  'engagements',
  'adoptions',
  'story_count',
  'unit_count',
  'unit_count_last_week',
] as const;

type CsvRecord = Partial<Record<(typeof COLUMNS)[number], Cell>>;

/**
 * RFC 4180 quoting, after the OWASP guard against formula injection: a text cell starting with = + - @ tab or
 * CR is prefixed with ' so that a spreadsheet shows it rather than evaluating it. Numbers are left alone
 * (they are ours, not member-written, and a negative number must stay a number).
 */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell) : /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(record: CsvRecord): string {
  return COLUMNS.map((column) => csvField(record[column] ?? null)).join(',');
}

export function weeklyReportCsvFilename({ isoWeek }: WeeklyReport): string {
  return `spread-report-${isoWeek}.csv`;
}

export function weeklyReportCsv(report: WeeklyReport): string {
  const units = report.adoptionByUnit.map((row): CsvRecord => ({
    section: 'unit',
    name: row.unit,
    active_members: row.activeMembers,
    stories: row.stories,
    engagements: row.engagements,
    adoptions: row.adoptions,
  }));
  const practices = report.practices.map((practice): CsvRecord => ({
    section: 'practice',
    name: practice.label,
    story_count: practice.storyCount,
    unit_count: practice.unitCount,
    unit_count_last_week: practice.unitCountLastWeek,
  }));
  // CRLF after every record, the last one included (RFC 4180 allows both; spreadsheets expect it).
  return [COLUMNS.join(','), ...[...units, ...practices].map(csvLine)].map((line) => `${line}\r\n`).join('');
}
