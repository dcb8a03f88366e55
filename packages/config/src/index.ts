export * from './env.js';
export * from './process.js';
export * from './shared-config.js';
