// `pnpm start:api`: config → dependencies → app → listen; SIGINT/SIGTERM close gracefully.
import { closeOnSignal, loadConfigOrExit } from '@kf/config';
import { loadApiConfig } from './config.js';
import { startApi } from './server.js';

const api = await startApi(loadConfigOrExit(() => loadApiConfig(process.env)));
closeOnSignal(api.close, api.log);
