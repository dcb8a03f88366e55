// `pnpm start:worker`: one process running every queue's worker; SIGINT/SIGTERM let active jobs finish.
import { closeOnSignal, loadConfigOrExit } from '@kf/config';
import { loadWorkerConfig } from './config.js';
import { startWorker } from './server.js';

const worker = await startWorker(loadConfigOrExit(() => loadWorkerConfig(process.env)));
closeOnSignal(worker.close, worker.log);
