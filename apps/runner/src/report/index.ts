export { type RenderedReport, type RenderReportOptions, type ReportRun, renderReport } from './render-report.ts';
