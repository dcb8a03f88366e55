import { describe, it, expect } from 'vitest';
import { csvField, weeklyReportCsv } from './weekly-report-csv.js';
import { sampleWeeklyReport } from './weekly-report.fixture.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function parseCsv(input: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let position = 0;
  while (position < input.length) {
    let field = '';
    if (input[position] === '"') {
      position += 1;
      for (;;) {
        const quote = input.indexOf('"', position);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += input.slice(position, quote);
        position = quote + 1;
        if (input[position] !== '"') break;
        field += '"';
        position += 1;
      }
    } else {
      const end = input.slice(position).search(/[,\r\n"]/);
      field = end < 0 ? input.slice(position) : input.slice(position, position + end);
      position += field.length;
    }
    record.push(field);
    if (input[position] === ',') {
      position += 1;
    } else if (input.startsWith('\r\n', position)) {
      records.push(record);
      record = [];
      position += 2;
    } else {
      throw new Error(`unexpected ${JSON.stringify(input[position])} at ${position}`);
    }
  }
  if (record.length > 0) throw new Error('last record has no CRLF');
  return records;
}

describe('weekly report CSV', () => {
  it('has one row per unit and per practice under the agreed header', () => {
    const rows = parseCsv(weeklyReportCsv(sampleWeeklyReport()));
    expect(rows[0]).toEqual([
      'section',
      'name',
      'active_members',
      'stories',
      'engagements',
      'adoptions',
      'story_count',
      'unit_count',
      'unit_count_last_week',
    ]);
    expect(rows.slice(1).map((row) => `${row[0]}:${row[1]}`)).toEqual([
      'unit:Maintenance',
      'unit:Customer Service',
      'unit:Logistics',
      'unit:Finance',
      'unit:Other units',
      'practice:Self-managed teams',
      'practice:Peer feedback, every Friday',
    ]);
    expect(rows[1]).toEqual(['unit', 'Maintenance', '34', '5', '120', '12', '', '', '']);
    expect(rows[7]).toEqual(['practice', 'Peer feedback, every Friday', '', '', '', '', '2', '3', '1']);
  });

  it('round-trips commas, quotes and line breaks and defuses formulas', () => {
    const report = sampleWeeklyReport();
    const hostile = [
      'Sales, "North"',
      'Line one\r\nline two',
      '=HYPERLINK("http://evil.example","click")',
      '+1',
      '-2+3',
      '@SUM(A1)',
      '\tTabbed',
      '\rReturn',
    ];
    report.adoptionByUnit = hostile.map((unit) => ({
      unit,
      activeMembers: 5,
      stories: 1,
      engagements: 1,
      adoptions: 1,
    }));
    report.practices = [];
    const csv = weeklyReportCsv(report);

    expect(
      parseCsv(csv)
        .slice(1)
        .map((row) => row[1]),
    ).toEqual([
      'Sales, "North"',
      'Line one\r\nline two',
      `'=HYPERLINK("http://evil.example","click")`,
      `'+1`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\tTabbed`,
      `'\rReturn`,
    ]);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});
