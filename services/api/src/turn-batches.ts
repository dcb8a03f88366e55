import DataLoader from 'dataloader';

/** Calls gathered into one batch at most (a larger gathering is split). */
const MAX_BATCH = 100;

/**
 * Calls made in one turn of the event loop gathered into one call of `run` (DataLoader, without its cache):
 * the batch runs on setImmediate, once every request the loop read from its sockets has made its call. Under
 * load this saves a database round trip per request, its statement's overhead in PostgreSQL and the
 * switches between processes (bench/http.bench.ts); alone, a request waits for nothing. `run` answers each
 * key in order, an Error failing that key's call alone.
 */
export function turnBatches<Key, Value>(run: (keys: readonly Key[]) => Promise<(Value | Error)[]>) {
  return new DataLoader<Key, Value>(run, {
    cache: false,
    maxBatchSize: MAX_BATCH,
    batchScheduleFn: (callback) => setImmediate(callback),
  });
}
