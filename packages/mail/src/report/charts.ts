import { Resvg } from '@resvg/resvg-js';
import { escapeHtml } from '../escape.js';
import type { AdoptionCurve, UnitsReachedPerWeek } from '@kf/domain';

/** CSS size of a chart in the email. */
const CHART_WIDTH = 600;
const CHART_HEIGHT = 240;
/** The PNG has twice the pixels of its CSS size so that it stays sharp on high-density screens. */
const PIXEL_RATIO = 2;

// Okabe–Ito colours: told apart under the common colour-vision deficiencies, and dark enough on white.
const COLOUR = {
  text: '#222222',
  muted: '#555555',
  grid: '#e3e3e3',
  axis: '#888888',
  bars: '#0072B2',
  line: '#D55E00',
};
const FONT_FAMILY = 'DejaVu Sans, Arial, sans-serif';

/** Plot area inside the chart; the margins hold the title, legend, tick labels and axis titles. */
const PLOT = { left: 56, right: CHART_WIDTH - 60, top: 50, bottom: 188 };
const PLOT_WIDTH = PLOT.right - PLOT.left;
const PLOT_HEIGHT = PLOT.bottom - PLOT.top;
/** Beyond this many category labels they would overlap, so only every n-th is written. */
const MAX_CATEGORY_LABELS = 8;
/** Left edge of the title and legend. */
const MARGIN_LEFT = 16;
/** Characters of a title that fit on one line at the title's font size. */
const MAX_TITLE_CHARS = 70;

interface TextStyle {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  colour?: string;
  bold?: boolean;
  /** Degrees around the text's anchor point (axis titles). */
  rotate?: number;
}

function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const { anchor = 'start', size = 11, colour = COLOUR.muted, bold = false, rotate } = style;
  const transform = rotate === undefined ? '' : ` transform="rotate(${rotate} ${x} ${y})"`;
  return (
    `<text x="${x}" y="${y}" font-size="${size}" fill="${colour}" text-anchor="${anchor}"` +
    `${bold ? ' font-weight="bold"' : ''}${transform}>${escapeHtml(content)}</text>`
  );
}

function truncate(content: string, maxChars: number): string {
  return content.length <= maxChars ? content : `${content.slice(0, maxChars - 1).trimEnd()}…`;
}

/** About four round steps (1, 2 or 5 × 10ⁿ, at least 1 since the values are counts) from 0 to above `max`. */
function countTicks(max: number): number[] {
  const rough = Math.max(1, max) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5].map((factor) => factor * magnitude).find((s) => s >= rough) ?? 10 * magnitude,
  );
  const top = Math.ceil(Math.max(1, max) / step) * step;
  return Array.from({ length: top / step + 1 }, (_, index) => index * step);
}

/** Maps a value on an axis whose ticks end at `top` to a y coordinate of the plot. */
function yOf(value: number, ticks: number[]): number {
  const top = ticks[ticks.length - 1] ?? 1;
  return PLOT.bottom - (value / top) * PLOT_HEIGHT;
}

function bandWidth(count: number): number {
  return PLOT_WIDTH / Math.max(1, count);
}

function bandCentre(index: number, count: number): number {
  return PLOT.left + bandWidth(count) * (index + 0.5);
}

function valueAxis(ticks: number[], side: 'left' | 'right', title: string, colour: string): string[] {
  const x = side === 'left' ? PLOT.left - 6 : PLOT.right + 6;
  const labels = ticks.map((tick) =>
    text(x, yOf(tick, ticks) + 4, String(tick), { anchor: side === 'left' ? 'end' : 'start' }),
  );
  const middle = (PLOT.top + PLOT.bottom) / 2;
  const titleLabel =
    side === 'left'
      ? text(14, middle, title, { anchor: 'middle', colour, bold: true, rotate: -90 })
      : text(CHART_WIDTH - 14, middle, title, { anchor: 'middle', colour, bold: true, rotate: 90 });
  return [...labels, titleLabel];
}

function gridLines(ticks: number[]): string[] {
  return ticks.map((tick) => {
    const y = yOf(tick, ticks);
    const colour = tick === 0 ? COLOUR.axis : COLOUR.grid;
    return `<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="${colour}" stroke-width="1"/>`;
  });
}

function categoryAxis(labels: string[], title: string): string[] {
  const every = Math.ceil(labels.length / MAX_CATEGORY_LABELS);
  const written = labels.flatMap((label, index) =>
    index % every === 0
      ? [text(bandCentre(index, labels.length), PLOT.bottom + 16, label, { anchor: 'middle' })]
      : [],
  );
  return [
    ...written,
    text((PLOT.left + PLOT.right) / 2, CHART_HEIGHT - 10, title, { anchor: 'middle', bold: true }),
  ];
}

function legendEntry(x: number, label: string, mark: 'bar' | 'line', colour: string): string {
  const y = 36;
  const symbol =
    mark === 'bar'
      ? `<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${colour}"/>`
      : `<line x1="${x}" y1="${y - 4}" x2="${x + 14}" y2="${y - 4}" stroke="${colour}" stroke-width="2.5"/>` +
        `<circle cx="${x + 7}" cy="${y - 4}" r="3" fill="${colour}"/>`;
  return symbol + text(x + 18, y, label, { colour: COLOUR.text });
}

function bars(values: number[], ticks: number[], colour: string): string[] {
  const width = bandWidth(values.length) * 0.6;
  return values.map((value, index) => {
    const y = yOf(value, ticks);
    const x = bandCentre(index, values.length) - width / 2;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${width.toFixed(1)}" height="${(PLOT.bottom - y).toFixed(1)}" fill="${colour}"/>`;
  });
}

function emptyNotice(message: string): string {
  return text((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, message, {
    anchor: 'middle',
    size: 13,
  });
}

function svgDocument(title: string, content: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${escapeHtml(title)}</title>`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    text(MARGIN_LEFT, 18, truncate(title, MAX_TITLE_CHARS), { size: 13, colour: COLOUR.text, bold: true }),
    ...content,
    '</svg>',
  ].join('\n');
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Series come in day or week buckets; the spacing of the first two tells which, for the axis title. */
function bucketAxisTitle(series: AdoptionCurve): string {
  const [first, second] = series;
  if (!first || !second) return 'Period starting';
  const spacing = Date.parse(second.start) - Date.parse(first.start);
  return spacing >= 6 * DAY_MS ? 'Week starting' : 'Day';
}

/** Adoptions per bucket as bars (left axis) and cumulative business units reached as a line (right axis). */
export function adoptionCurveChart(series: AdoptionCurve, title: string, timeZone = 'UTC'): string {
  const bucketLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone });
  const legend = [
    legendEntry(MARGIN_LEFT, 'Adoptions', 'bar', COLOUR.bars),
    legendEntry(MARGIN_LEFT + 100, 'Units reached (cumulative)', 'line', COLOUR.line),
  ];
  if (series.length === 0) return svgDocument(title, [...legend, emptyNotice('No adoptions yet')]);

  const adoptionTicks = countTicks(Math.max(...series.map((bucket) => bucket.adoptions)));
  const unitTicks = countTicks(Math.max(...series.map((bucket) => bucket.cumulativeUnits)));
  const linePoints = series.map((bucket, index) => ({
    x: bandCentre(index, series.length).toFixed(1),
    y: yOf(bucket.cumulativeUnits, unitTicks).toFixed(1),
  }));
  return svgDocument(title, [
    ...legend,
    ...gridLines(adoptionTicks),
    ...bars(
      series.map((bucket) => bucket.adoptions),
      adoptionTicks,
      COLOUR.bars,
    ),
    `<polyline points="${linePoints.map(({ x, y }) => `${x},${y}`).join(' ')}" fill="none" stroke="${COLOUR.line}" stroke-width="2.5"/>`,
    ...linePoints.map(({ x, y }) => `<circle cx="${x}" cy="${y}" r="3" fill="${COLOUR.line}"/>`),
    ...valueAxis(adoptionTicks, 'left', 'Adoptions', COLOUR.bars),
    ...valueAxis(unitTicks, 'right', 'Units reached', COLOUR.line),
    ...categoryAxis(
      series.map((bucket) => bucketLabel.format(new Date(bucket.start))),
      bucketAxisTitle(series),
    ),
  ]);
}

/** Business units reached in each of the last ISO weeks, as labelled bars. */
export function unitsReachedChart(unitsReachedPerWeek: UnitsReachedPerWeek): string {
  const title = 'Business units reached per week';
  if (unitsReachedPerWeek.length === 0) return svgDocument(title, [emptyNotice('No weeks to show')]);

  const ticks = countTicks(Math.max(...unitsReachedPerWeek.map((week) => week.units)));
  const valueLabels = unitsReachedPerWeek.map((week, index) =>
    text(bandCentre(index, unitsReachedPerWeek.length), yOf(week.units, ticks) - 4, String(week.units), {
      anchor: 'middle',
      colour: COLOUR.text,
    }),
  );
  return svgDocument(title, [
    ...gridLines(ticks),
    ...bars(
      unitsReachedPerWeek.map((week) => week.units),
      ticks,
      COLOUR.bars,
    ),
    ...valueLabels,
    ...valueAxis(ticks, 'left', 'Units reached', COLOUR.bars),
    ...categoryAxis(
      unitsReachedPerWeek.map((week) => week.week),
      'ISO week',
    ),
  ]);
}

/** Rasterises a chart at twice its CSS width; text is set in DejaVu Sans, which the servers have installed. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH * PIXEL_RATIO },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
