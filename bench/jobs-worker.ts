/**
 * One worker process for bench/jobs.bench.ts: the worker as `pnpm start:worker` builds it (configuration from
 * the environment; no schedules), or with every processor a no-op when run with `--noop` (the baseline).
 * Tells its parent over IPC when it is ready and how many story.index jobs completed or failed; exits when
 * the parent sends 'close'.
 */
import { JOBS, type JobName } from '@kf/jobs';
import { type createProcessors, loadWorkerConfig, startWorker } from '@kf/worker';

export type JobsWorkerMessage =
  | { type: 'ready' }
  | { type: 'completed'; count: number }
  | { type: 'failed'; message: string; final: boolean };

/** Every catalog job doing nothing: what BullMQ itself costs per job. */
const noopProcessors = Object.fromEntries(
  Object.keys(JOBS).map((name) => [name, () => Promise.resolve(undefined)]),
) as unknown as ReturnType<typeof createProcessors>;

const send = (message: JobsWorkerMessage) => process.send!(message);

const worker = await startWorker(loadWorkerConfig(process.env), {
  processors: process.argv.includes('--noop') ? noopProcessors : undefined,
  schedules: false,
});
// Completions are reported in bulk once per turn of the event loop, so reporting costs the workers little.
let completed = 0;
for (const bullWorker of worker.workers) {
  bullWorker.on('completed', (job) => {
    if ((job.name as JobName) !== 'story.index') return;
    if (completed++ === 0)
      setImmediate(() => {
        send({ type: 'completed', count: completed });
        completed = 0;
      });
  });
  bullWorker.on('failed', (job, error) =>
    send({
      type: 'failed',
      message: `${job?.name ?? 'a job'}: ${error.message}`,
      final: !job || job.attemptsMade >= (job.opts.attempts ?? 1),
    }),
  );
}
process.on('message', (message) => {
  if (message === 'close') void worker.close().then(() => process.exit(0));
});
send({ type: 'ready' });
