import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { queueCounts, type Queues } from '@kf/jobs';

/** Prometheus metrics: request durations by route and status, queue depths by state read at scrape time. */
export const metricsPlugin = fp(async (app: FastifyInstance, { queues }: { queues: Queues }) => {
  // A registry per app, so several apps in one process (tests) do not collide on metric names.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'queue_depth',
    help: 'Jobs per BullMQ queue and state (waiting, prioritized, delayed, active)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      try {
        for (const [queue, states] of Object.entries(await queueCounts(queues))) {
          for (const [state, count] of Object.entries(states)) this.set({ queue, state }, count);
        }
      } catch {
        // Redis away: the scrape still answers with the other metrics.
      }
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    durations.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
});
