import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '@kf/db';
import { databaseUrl, dropDatabases, listDatabases } from './databases.js';
import { startInfrastructure } from './infrastructure.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    redisUrl: string;
    templateDatabase: string;
    runId: string;
  }
}

/** Once per `pnpm test`: find or start PostgreSQL and Redis, and migrate one template database to clone per file. */
export default async function setup(project: TestProject) {
  const infrastructure = await startInfrastructure(process.env);
  const runId = `kf_test_${randomBytes(4).toString('hex')}`;
  const templateDatabase = `${runId}_template`;
  await migrateToLatest(databaseUrl(infrastructure.databaseUrl, templateDatabase));

  project.provide('serverUrl', infrastructure.databaseUrl);
  project.provide('redisUrl', infrastructure.redisUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runId', runId);

  return async () => {
    await dropDatabases(infrastructure.databaseUrl, await listDatabases(infrastructure.databaseUrl, runId));
    await infrastructure.stop();
  };
}
