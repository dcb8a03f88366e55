// `pnpm start`: migrate (creating the database if missing), then the API and the worker in this one process.
// Ctrl-C closes both gracefully. For scale, run `pnpm start:api` and `pnpm start:worker` apart instead.
import { closeOnSignal, loadConfigOrExit } from '@kf/config';
import { loadApiConfig, startApi } from '@kf/api';
import { migrateToLatest } from '@kf/db';
import { loadWorkerConfig, startWorker } from '@kf/worker';

const apiConfig = loadConfigOrExit(() => loadApiConfig(process.env));
const workerConfig = loadConfigOrExit(() => loadWorkerConfig(process.env));

const applied = await migrateToLatest(apiConfig.DATABASE_URL);
const worker = await startWorker(workerConfig);
const api = await startApi(apiConfig);
api.log.info({ migrations: applied, docs: `${api.url}/docs` }, 'Knowledge Feed is running');

closeOnSignal(async () => {
  await api.close();
  await worker.close();
}, api.log);
