/**
 * The HTML part: nested tables and inline styles only, because Outlook (Word engine) ignores flex, grid and
 * max-width, and Gmail drops <style> blocks in some clients. 600 px wide, fluid below that on phones.
 */
import { escapeHtml } from '../escape.js';
import {
  EMPTY_SECTION_TEXT,
  SECTION_TITLES,
  adoptionByUnitTable,
  droppedAdoptionsTable,
  formatPeriod,
  formatDateTime,
  formatScore,
  generatedNote,
  glanceFigures,
  headlineFacts,
  practiceSpread,
  privacyNote,
  reportSubject,
  storyUrl,
  type Fact,
  type GlanceFigure,
  type ReportTable,
  type Trend,
} from './weekly-report-format.js';
import type { ReportHeadline, ReportHotSpot, ReportPractice, WeeklyReport } from '@kf/domain';

/** A chart attached to the message and shown through its Content-ID. */
export interface ChartImage {
  cid: string;
  alt: string;
}

export interface WeeklyReportHtmlInput {
  appUrl: string;
  /** One per headline, in the same order. */
  headlineCharts: ChartImage[];
  /** Null when there are no weeks to chart. */
  unitsReachedChart: ChartImage | null;
}

const CONTENT_WIDTH = 600;
const PADDING = 24;
const IMAGE_WIDTH = CONTENT_WIDTH - 2 * PADDING;
// Repeated on nested tables: Outlook does not inherit font-family into them and falls back to Times.
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const COLOUR = { text: '#222222', muted: '#595959', rule: '#dddddd', panel: '#f4f6f8', link: '#0b5cad' };
// Arrows carry the direction too, so colour is never the only cue.
const TREND_COLOUR: Record<Trend, string> = { up: '#1a7f37', down: '#b42318', flat: COLOUR.muted };

function paragraph(html: string, style = ''): string {
  return `<p style="margin:0 0 12px;${style}">${html}</p>`;
}

function link(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="color:${COLOUR.link};">${escapeHtml(label)}</a>`;
}

function section(title: string, content: string): string {
  return `<tr><td style="padding:20px ${PADDING}px 4px;border-top:1px solid ${COLOUR.rule};">
<h2 style="margin:0 0 12px;font-size:18px;line-height:24px;color:${COLOUR.text};">${escapeHtml(title)}</h2>
${content}
</td></tr>`;
}

function emptySection(title: string, sentence: string): string {
  return section(title, paragraph(escapeHtml(sentence), `color:${COLOUR.muted};`));
}

function image({ cid, alt }: ChartImage): string {
  // The width attribute is for Outlook, which ignores CSS widths on images; the style makes it fluid elsewhere.
  return `<img src="cid:${escapeHtml(cid)}" width="${IMAGE_WIDTH}" alt="${escapeHtml(alt)}" style="display:block;width:100%;max-width:${IMAGE_WIDTH}px;height:auto;border:0;margin:0 0 16px;">`;
}

function cell(content: string, { numeric = false, header = false } = {}): string {
  const tag = header ? 'th' : 'td';
  const scope = header ? ' scope="col"' : '';
  const style = `padding:6px 8px;border-bottom:1px solid ${COLOUR.rule};text-align:${numeric ? 'right' : 'left'};vertical-align:top;${header ? `font-size:12px;color:${COLOUR.muted};` : ''}`;
  return `<${tag}${scope} style="${style}">${escapeHtml(content)}</${tag}>`;
}

function dataTable(table: ReportTable): string {
  const header = table.columns.map((column) => cell(column.label, { numeric: column.numeric, header: true }));
  const rows = table.rows.map(
    (row) =>
      `<tr>${row.map((value, index) => cell(value, { numeric: table.columns[index]?.numeric })).join('')}</tr>`,
  );
  return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 16px;${FONT}font-size:13px;">
<caption style="text-align:left;font-size:12px;color:${COLOUR.muted};padding:0 0 6px;">${escapeHtml(table.caption)}</caption>
<thead><tr>${header.join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table>`;
}

function factsTable(facts: Fact[]): string {
  const rows = facts.map(
    ({ label, value }) =>
      `<tr><td style="padding:3px 12px 3px 0;color:${COLOUR.muted};white-space:nowrap;vertical-align:top;">${escapeHtml(label)}</td>` +
      `<td style="padding:3px 0;vertical-align:top;">${escapeHtml(value)}</td></tr>`,
  );
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:0 0 12px;${FONT}font-size:13px;">${rows.join('')}</table>`;
}

function glanceCell(figure: GlanceFigure): string {
  return `<td width="50%" style="width:50%;padding:6px;vertical-align:top;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background:${COLOUR.panel};"><tr><td style="padding:12px;${FONT}">
<div style="font-size:12px;color:${COLOUR.muted};">${escapeHtml(figure.label)}</div>
<div style="font-size:26px;line-height:32px;font-weight:bold;color:${COLOUR.text};">${escapeHtml(figure.value)}</div>
<div style="font-size:12px;color:${TREND_COLOUR[figure.trend]};">${escapeHtml(figure.change)}</div>
</td></tr></table>
</td>`;
}

/** Two figures a row rather than four, so they stay legible on a phone without media queries. */
function glanceSection(report: WeeklyReport): string {
  const cells = glanceFigures(report).map(glanceCell);
  const rows = [cells.slice(0, 2), cells.slice(2, 4)].map((pair) => `<tr>${pair.join('')}</tr>`);
  return section(
    SECTION_TITLES.glance,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:0 0 12px;">${rows.join('')}</table>`,
  );
}

function headlineBlock(
  headline: ReportHeadline,
  chart: ChartImage | undefined,
  input: WeeklyReportHtmlInput,
  timeZone: string,
): string {
  return [
    `<h3 style="margin:0 0 4px;font-size:16px;line-height:22px;color:${COLOUR.text};">${escapeHtml(headline.headline)}</h3>`,
    paragraph(
      `Story: ${link(storyUrl(input.appUrl, headline.storyId), headline.storyTitle)}`,
      'font-size:13px;',
    ),
    factsTable(headlineFacts(headline, timeZone)),
    chart ? image(chart) : '',
  ].join('\n');
}

function headlinesSection(report: WeeklyReport, input: WeeklyReportHtmlInput): string {
  if (report.headlines.length === 0)
    return emptySection(SECTION_TITLES.headlines, EMPTY_SECTION_TEXT.headlines);
  const blocks = report.headlines.map((headline, index) =>
    headlineBlock(headline, input.headlineCharts[index], input, report.timeZone),
  );
  return section(SECTION_TITLES.headlines, blocks.join('\n'));
}

function hotSpotItem(hotSpot: ReportHotSpot, appUrl: string, timeZone: string): string {
  const reasons = hotSpot.reasons.map((reason) => `<li style="margin:0 0 2px;">${escapeHtml(reason)}</li>`);
  return `<li style="margin:0 0 12px;">
<strong>${link(storyUrl(appUrl, hotSpot.storyId), hotSpot.title)}</strong>
<span style="color:${COLOUR.muted};font-size:13px;">— ${escapeHtml(hotSpot.unit)}, hot score ${escapeHtml(formatScore(hotSpot.score))}, flagged ${escapeHtml(formatDateTime(hotSpot.flaggedAt, timeZone))}</span>
<ul style="margin:4px 0 0;padding:0 0 0 20px;font-size:13px;">${reasons.join('')}</ul>
</li>`;
}

function hotSpotsSection(report: WeeklyReport, appUrl: string): string {
  if (report.hotSpots.length === 0) return emptySection(SECTION_TITLES.hotSpots, EMPTY_SECTION_TEXT.hotSpots);
  const items = report.hotSpots.map((hotSpot) => hotSpotItem(hotSpot, appUrl, report.timeZone));
  return section(
    SECTION_TITLES.hotSpots,
    `<ul style="margin:0 0 12px;padding:0 0 0 20px;">${items.join('\n')}</ul>`,
  );
}

function practiceItem(practice: ReportPractice): string {
  return `<li style="margin:0 0 10px;"><strong>${escapeHtml(practice.label)}</strong>: ${escapeHtml(practiceSpread(practice))}
<br><span style="color:${COLOUR.muted};font-size:13px;">${escapeHtml(practice.units.join(', '))}</span></li>`;
}

function practicesSection(report: WeeklyReport): string {
  if (report.practices.length === 0)
    return emptySection(SECTION_TITLES.practices, EMPTY_SECTION_TEXT.practices);
  const items = report.practices.map(practiceItem);
  return section(
    SECTION_TITLES.practices,
    `<ul style="margin:0 0 12px;padding:0 0 0 20px;">${items.join('\n')}</ul>`,
  );
}

function tableSection(title: string, table: ReportTable, emptySentence: string): string {
  return table.rows.length === 0 ? emptySection(title, emptySentence) : section(title, dataTable(table));
}

function unitsReachedSection(chart: ChartImage | null): string {
  return chart
    ? section(SECTION_TITLES.unitsReached, image(chart))
    : emptySection(SECTION_TITLES.unitsReached, EMPTY_SECTION_TEXT.unitsReached);
}

export function weeklyReportHtml(report: WeeklyReport, input: WeeklyReportHtmlInput): string {
  const subject = reportSubject(report);
  const rows = [
    `<tr><td style="padding:24px ${PADDING}px 12px;">
<h1 style="margin:0 0 4px;font-size:22px;line-height:28px;color:${COLOUR.text};">${escapeHtml(subject)}</h1>
${paragraph(escapeHtml(formatPeriod(report)), `color:${COLOUR.muted};font-size:13px;`)}
</td></tr>`,
    glanceSection(report),
    headlinesSection(report, input),
    hotSpotsSection(report, input.appUrl),
    practicesSection(report),
    tableSection(
      SECTION_TITLES.adoptionByUnit,
      adoptionByUnitTable(report),
      EMPTY_SECTION_TEXT.adoptionByUnit,
    ),
    tableSection(
      SECTION_TITLES.droppedAdoptions,
      droppedAdoptionsTable(report),
      EMPTY_SECTION_TEXT.droppedAdoptions,
    ),
    unitsReachedSection(input.unitsReachedChart),
    `<tr><td style="padding:16px ${PADDING}px 24px;border-top:1px solid ${COLOUR.rule};font-size:12px;line-height:18px;color:${COLOUR.muted};">
${paragraph(escapeHtml(privacyNote(report)))}
${paragraph(`${escapeHtml(generatedNote(report))} ${link(input.appUrl, 'Open Knowledge Feed')}`)}
</td></tr>`,
  ];
  // The conditional table gives Outlook on Windows the fixed width that it cannot take from max-width.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#eef0f2;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background:#eef0f2;">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="${CONTENT_WIDTH}" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:${CONTENT_WIDTH}px;background:#ffffff;${FONT}font-size:14px;line-height:20px;color:${COLOUR.text};">
${rows.join('\n')}
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
}
