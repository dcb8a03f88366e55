import { adoptionCurveChart, svgToPng, unitsReachedChart } from './charts.js';
import { weeklyReportCsv, weeklyReportCsvFilename } from './weekly-report-csv.js';
import { adoptionCurveAlt, reportSubject, unitsReachedAlt } from './weekly-report-format.js';
import { weeklyReportHtml, type ChartImage } from './weekly-report-html.js';
import { weeklyReportText } from './weekly-report-text.js';
import type { WeeklyReport } from '@kf/domain';

export interface ReportAttachment {
  filename: string;
  content: Buffer;
  /** Set on images the HTML shows through `cid:`. */
  cid?: string;
  contentType: string;
  contentDisposition?: 'inline' | 'attachment';
}

export interface RenderedWeeklyReport {
  subject: string;
  html: string;
  text: string;
  csv: string;
  /** Ready for nodemailer's `attachments`: the charts inline, then the CSV. */
  attachments: ReportAttachment[];
}

/** Unique within the message, which is all a Content-ID needs; RFC 2392 asks for the addr-spec form. */
function chartCid(name: string, isoWeek: string): string {
  return `${name}.${isoWeek}@knowledge-feed`;
}

function inlineChart(name: string, svg: string, alt: string, isoWeek: string) {
  const image: ChartImage = { cid: chartCid(name, isoWeek), alt };
  const attachment: ReportAttachment = {
    filename: `${name}.png`,
    content: svgToPng(svg),
    cid: image.cid,
    contentType: 'image/png',
    contentDisposition: 'inline',
  };
  return { image, attachment };
}

export function renderWeeklyReport(report: WeeklyReport, options: { appUrl: string }): RenderedWeeklyReport {
  const headlineCharts = report.headlines.map((headline, index) =>
    inlineChart(
      `adoption-curve-${index + 1}`,
      adoptionCurveChart(headline.series, headline.headline, report.timeZone),
      adoptionCurveAlt(headline),
      report.isoWeek,
    ),
  );
  const unitsReached =
    report.unitsReachedPerWeek.length === 0
      ? null
      : inlineChart(
          'units-reached',
          unitsReachedChart(report.unitsReachedPerWeek),
          unitsReachedAlt(report.unitsReachedPerWeek),
          report.isoWeek,
        );
  const csv = weeklyReportCsv(report);

  return {
    subject: reportSubject(report),
    html: weeklyReportHtml(report, {
      appUrl: options.appUrl,
      headlineCharts: headlineCharts.map((chart) => chart.image),
      unitsReachedChart: unitsReached?.image ?? null,
    }),
    text: weeklyReportText(report, options),
    csv,
    attachments: [
      ...headlineCharts.map((chart) => chart.attachment),
      ...(unitsReached ? [unitsReached.attachment] : []),
      {
        filename: weeklyReportCsvFilename(report),
        content: Buffer.from(csv, 'utf8'),
        contentType: 'text/csv; charset=utf-8',
        contentDisposition: 'attachment',
      },
    ],
  };
}
