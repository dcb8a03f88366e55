import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import type { Database } from './client.js';

/** Stands in for a parameter while a query is compiled; its position in the parameters says where values go. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query on a hot path, built and compiled by Kysely once and then executed with new parameter values:
 * building and compiling the story query (five joins, 37 columns) cost more node CPU than running it.
 * Parameters must be plain values that reach the SQL as one bound parameter each (not `in` lists, which
 * compile to one parameter per element). Every `Database` here shares one dialect and one set of plugins
 * (see createDatabase), so the SQL compiled on the first call serves them all; rows still pass through the
 * plugins (camelCase keys), because the compiled query is executed by the database it is called with.
 */
export function preparedQuery<Params extends unknown[], Row>(
  build: (db: Database, ...params: Params) => Compilable<Row>,
): (db: Database, ...params: Params) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  let sources: (Placeholder | unknown)[] = [];
  return async (db, ...params) => {
    if (!compiled) {
      const placeholders = params.map((_, index) => new Placeholder(index)) as Params;
      compiled = build(db, ...placeholders).compile();
      sources = [...compiled.parameters];
    }
    const parameters = sources.map((source) =>
      source instanceof Placeholder ? params[source.index] : source,
    );
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
    return rows;
  };
}
