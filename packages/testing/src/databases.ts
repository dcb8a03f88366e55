import pg from 'pg';

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Clones the migrated template: a fresh, migrated database in milliseconds. */
export async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  await withAdmin(serverUrl, async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(
          `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`,
        );
        return;
      } catch (error) {
        // 55006: the template is briefly in use by another clone; try again.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

export async function dropDatabases(serverUrl: string, names: string[]): Promise<void> {
  await withAdmin(serverUrl, async (client) => {
    for (const name of names)
      await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  });
}

export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return withAdmin(serverUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    return result.rows.map((row) => row.datname);
  });
}
