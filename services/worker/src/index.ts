export { loadWorkerConfig, type WorkerConfig } from './config.js';
export { buildWorkerDeps, startWorker, type StartWorkerOptions } from './server.js';
export {
  createProcessors,
  startWorkers,
  assertEveryJobHasAProcessor,
  type WorkerDeps,
  type Processors,
} from './workers.js';
export { processReportDeliver, processReportWeekly } from './processors/report-weekly.js';
