export * from '@kf/domain';
export * from './render-weekly-report.js';
export { adoptionCurveChart, unitsReachedChart, svgToPng } from './charts.js';
export { weeklyReportCsv, weeklyReportCsvFilename } from './weekly-report-csv.js';
