export { loadWorkerConfig, type WorkerConfig } from './config.js';
export { buildWorkerDeps, startWorker } from './server.js';
export { createProcessors, startWorkers, assertEveryJobHasAProcessor, type WorkerDeps } from './workers.js';
export { processReportDeliver, processReportWeekly } from './processors/report-weekly.js';
