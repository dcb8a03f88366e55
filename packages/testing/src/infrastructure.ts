import { getContainerRuntimeClient, GenericContainer, type StartedTestContainer } from 'testcontainers';

export interface Infrastructure {
  /** A server URL whose path is ignored: test databases are created beside it. */
  databaseUrl: string;
  redisUrl: string;
  stop(): Promise<void>;
}

const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

async function dockerAnswers(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    // testcontainers fails fast without a Docker engine: fall back to local services.
    return false;
  }
}

/**
 * Where tests find PostgreSQL and Redis: DATABASE_URL / REDIS_URL when set; else containers (postgres 16,
 * redis 7) when a Docker engine answers; else the local defaults.
 */
export async function startInfrastructure(env: NodeJS.ProcessEnv): Promise<Infrastructure> {
  if (env.DATABASE_URL || env.REDIS_URL || !(await dockerAnswers())) {
    return {
      databaseUrl: env.DATABASE_URL ?? LOCAL_DATABASE_URL,
      redisUrl: env.REDIS_URL ?? LOCAL_REDIS_URL,
      stop: async () => undefined,
    };
  }
  const started: StartedTestContainer[] = await Promise.all([
    new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
      .withExposedPorts(5432)
      .start(),
    new GenericContainer('redis:7-alpine').withExposedPorts(6379).start(),
  ]);
  const [postgres, redis] = started as [StartedTestContainer, StartedTestContainer];
  return {
    databaseUrl: `postgres://postgres@${postgres.getHost()}:${postgres.getMappedPort(5432)}/postgres`,
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    stop: async () => {
      await Promise.all(started.map((container) => container.stop()));
    },
  };
}
