import { type Env, emailList, integer, optionalUrl, parseEnv, sharedEnvSchema, text } from '@kf/config';

const workerEnvSchema = {
  ...sharedEnvSchema,
  /** Jobs processed at once per queue in this process; scale out with more processes. */
  WORKER_CONCURRENCY: integer(4, { min: 1, max: 64 }),
  /** e.g. smtp://user:pass@host:587; unset: mail is written as .eml files to OUTBOX_DIR. */
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  /** Where mail goes without SMTP. */
  OUTBOX_DIR: text('./var/outbox'),
  /** Sender of every message. */
  MAIL_FROM: text('Knowledge Feed <no-reply@localhost>'),
  /** Curators told when a pending hot spot first enters the top 3. */
  CURATOR_RECIPIENTS: emailList,
};

export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export function loadWorkerConfig(env: Env) {
  return parseEnv(workerEnvSchema, env);
}
