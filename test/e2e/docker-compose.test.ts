import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '@kf/api';
import { loadWorkerConfig } from '@kf/worker';

/** No Docker engine here: the file is checked against the configuration schema the services really parse. */
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as {
  services: Record<
    string,
    { command?: string[]; environment?: Record<string, string>; deploy?: { replicas?: number } }
  >;
};
const loaders: Record<string, (env: Record<string, string>) => unknown> = {
  'start:api': loadApiConfig,
  'start:worker': loadWorkerConfig,
  migrate: loadWorkerConfig,
};
const known = new Set([
  ...Object.keys(loadApiConfig({}) as object),
  ...Object.keys(loadWorkerConfig({}) as object),
]);

describe('docker-compose.yml', () => {
  const ours = Object.entries(compose.services).filter(([, service]) => service.command?.[0] === 'pnpm');

  it('runs PostgreSQL 16, Redis 7 without eviction, two API replicas, a worker and a mail catcher', () => {
    expect(compose.services.postgres?.['image' as never]).toMatch(/^postgres:16/);
    expect(compose.services.redis?.['image' as never]).toMatch(/^redis:7/);
    expect(compose.services.redis?.command).toEqual(expect.arrayContaining(['noeviction', '--appendonly']));
    expect(compose.services.api?.deploy?.replicas).toBe(2);
    expect(compose.services.worker?.command).toEqual(['pnpm', 'start:worker']);
    expect(compose.services.mailpit).toBeDefined();
  });

  it.each(ours.map(([name, service]) => [name, service] as const))(
    'gives %s an environment its configuration accepts, with names it knows',
    (_name, service) => {
      const env = service.environment ?? {};
      for (const variable of Object.keys(env)) expect(known, variable).toContain(variable);
      const load = loaders[service.command![1]!]!;
      expect(() => load(env)).not.toThrow();
    },
  );
});
