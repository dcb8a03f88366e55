export { buildApp, type App } from './app.js';
export { loadApiConfig, type ApiConfig, DEVELOPMENT_JWT_SECRET } from './config.js';
export type { AppDeps } from './deps.js';
export { startApi } from './server.js';
export { importAndEnqueue } from './bulk-import.js';
