import { describe, it, expect } from 'vitest';
import { renderWeeklyReport } from './render-weekly-report.js';
import { SECTION_TITLES } from './weekly-report-format.js';
import { sampleWeeklyReport } from './weekly-report.fixture.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const options = { appUrl: 'https://kf.example.com/' };
const HOSTILE = '<script>alert(1)</script>';

describe('renderWeeklyReport', () => {
  const rendered = renderWeeklyReport(sampleWeeklyReport(), options);

  it('names the week in the subject', () => {
    expect(rendered.subject).toBe('Knowledge Feed spread report — 2026-W47');
  });

  it('has every section, in the HTML and in the plain text', () => {
    for (const title of Object.values(SECTION_TITLES)) {
      expect(rendered.html).toContain(`>${title}</h2>`);
      expect(rendered.text).toContain(title.toUpperCase());
    }
  });

  it('shows the figures a reader looks for', () => {
    for (const part of [rendered.html, rendered.text]) {
      expect(part).toContain('↑ 4 vs last week');
      expect(part).toContain('↓ 9 vs last week');
      expect(part).toContain('+0.43 adoptions/day');
      expect(part).toContain('n/a');
      expect(part).toContain('3 → 5 units');
      expect(part).toContain('fewer than 5 active members are folded into');
      expect(part).toContain('https://kf.example.com/stories/story-self-managed');
      expect(part).toContain('Mon, 16 Nov 2026 – Sun, 22 Nov 2026');
    }
  });

  it('references exactly the inline charts it attaches, each with alt text', () => {
    const referenced = [...rendered.html.matchAll(/<img src="cid:([^"]+)"[^>]* alt="([^"]+)"/g)];
    const inline = rendered.attachments.filter((attachment) => attachment.contentDisposition === 'inline');
    expect(referenced.map((match) => match[1])).toEqual(inline.map((attachment) => attachment.cid));
    expect(inline).toHaveLength(3);
    for (const match of referenced) expect(match[2]!.length).toBeGreaterThan(20);
    for (const attachment of inline) {
      expect(attachment.contentType).toBe('image/png');
      expect(attachment.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    }
  });

  it('attaches the CSV as a normal attachment', () => {
    const csv = rendered.attachments.find(
      (attachment) => attachment.filename === 'spread-report-2026-W47.csv',
    );
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', contentDisposition: 'attachment' });
    expect(csv?.cid).toBeUndefined();
    expect(csv?.content.toString('utf8')).toBe(rendered.csv);
  });

  it('escapes member-written text everywhere in the HTML', () => {
    const report = sampleWeeklyReport();
    report.headlines[0]!.headline = HOSTILE;
    report.headlines[0]!.storyTitle = HOSTILE;
    report.hotSpots[0]!.title = HOSTILE;
    report.hotSpots[0]!.unit = HOSTILE;
    report.hotSpots[0]!.reasons = [HOSTILE];
    report.practices[0]!.label = HOSTILE;
    report.practices[0]!.units = [HOSTILE];
    report.adoptionByUnit[0]!.unit = HOSTILE;
    report.droppedAdoptions[0]!.storyTitle = HOSTILE;
    const { html, text } = renderWeeklyReport(report, options);

    expect(html).not.toContain('<script');
    expect(html.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1).toBeGreaterThanOrEqual(10);
    expect(text).toContain(HOSTILE);
  });

  it('still renders a quiet week, saying what is empty', () => {
    const report = sampleWeeklyReport();
    Object.assign(report, {
      headlines: [],
      hotSpots: [],
      practices: [],
      adoptionByUnit: [],
      droppedAdoptions: [],
      unitsReachedPerWeek: [],
    });
    const { html, text, attachments, csv } = renderWeeklyReport(report, options);

    for (const part of [html, text]) {
      expect(part).toContain('No headlines this week.');
      expect(part).toContain('No new hot spots this week.');
      expect(part).toContain('No emerging practices this week.');
      expect(part).toContain('No adoption was dropped this week.');
    }
    expect(html).not.toContain('cid:');
    expect(attachments.map((attachment) => attachment.filename)).toEqual(['spread-report-2026-W47.csv']);
    expect(csv.split('\r\n')).toHaveLength(2);
  });
});
