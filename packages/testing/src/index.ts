export * from './child-output.js';
export * from './databases.js';
export * from './harness.js';
export * from './members.js';
export * from './smtp-sink.js';
export * from './tcp-proxy.js';
export * from './neighbours.js';
