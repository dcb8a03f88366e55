/**
 * autocannon on a worker thread: the load generator gets its own core instead of sharing the event loop of
 * the server it measures (the servers under test run on the main thread of this process).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  /** Request paths, taken in turn (request i gets paths[i mod n]). */
  paths: string[];
  /** Bearer tokens taken in turn (request i gets tokens[i mod n]); none: no authorization header. */
  tokens?: string[];
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Where the rotation starts, so a warm-up and the run after it send different requests. */
  offset?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
  statusCounts: Record<string, number>;
  /** Responses whose body contains `"counted":true`. */
  counted: number;
  errors: number;
  timeouts: number;
  /** autocannon's own result, histograms encoded: rounds are pooled from it (see pooledP99Ms). */
  run: unknown;
}

// The worker is plain CommonJS evaluated from a string: no TypeScript loader needed on the thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const { options } = workerData;
let next = options.offset || 0;
let counted = 0;
const statusCounts = {};
autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method || 'GET',
    headers: options.body ? { 'content-type': 'application/json' } : {},
    body: options.body,
    requests: [
      {
        setupRequest(request) {
          const i = next++;
          const headers = { ...request.headers };
          if (options.tokens) headers.authorization = 'Bearer ' + options.tokens[i % options.tokens.length];
          return { ...request, path: options.paths[i % options.paths.length], headers };
        },
        onResponse(status, body) {
          statusCounts[status] = (statusCounts[status] || 0) + 1;
          if (body && body.includes('"counted":true')) counted += 1;
        },
      },
    ],
  },
  (error, raw) => {
    if (error) throw error;
    // Off the main thread autocannon hands back encoded histograms; aggregating decodes them.
    const result = autocannon.aggregateResult([raw], { url: options.url, connections: options.connections });
    parentPort.postMessage({
      requestsPerSecond: result.requests.total / result.duration,
      p99Ms: result.latency.p99,
      requests: result.requests.total,
      statusCounts,
      counted,
      errors: result.errors,
      timeouts: result.timeouts,
      run: raw,
    });
  },
);
`;

const require = createRequire(import.meta.url);
const autocannonPath = require.resolve('autocannon');
const autocannon = require('autocannon') as {
  aggregateResult(runs: unknown[], options: { url: string }): { latency: { p99: number } };
};

/** The p99 of all the requests of several runs against one URL, as one run as long as them all would give. */
export function pooledP99Ms(url: string, results: readonly LoadResult[]): number {
  return autocannon.aggregateResult(
    results.map((result) => result.run),
    { url },
  ).latency.p99;
}

export function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { autocannonPath, options } });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
