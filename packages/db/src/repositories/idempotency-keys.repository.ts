import type { Database } from '../client.js';

interface IdempotencyScope {
  memberId: string;
  operation: string;
  key: string;
}

/**
 * Claims a key inside the caller's transaction. A concurrent claim of the same key blocks on the row until the
 * first transaction ends, then finds it taken: that is what makes 20 concurrent repeats create one story.
 */
export async function claimIdempotencyKey(db: Database, scope: IdempotencyScope, requestHash: string) {
  const claimed = await db
    .insertInto('idempotencyKeys')
    .values({ ...scope, requestHash, statusCode: 0, response: JSON.stringify(null) })
    .onConflict((conflict) => conflict.columns(['memberId', 'operation', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}

export function findIdempotencyKey(db: Database, scope: IdempotencyScope) {
  return db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'response'])
    .where('memberId', '=', scope.memberId)
    .where('operation', '=', scope.operation)
    .where('key', '=', scope.key)
    .executeTakeFirst();
}

export async function completeIdempotencyKey(
  db: Database,
  scope: IdempotencyScope,
  result: { statusCode: number; response: unknown },
) {
  await db
    .updateTable('idempotencyKeys')
    .set({ statusCode: result.statusCode, response: JSON.stringify(result.response) })
    .where('memberId', '=', scope.memberId)
    .where('operation', '=', scope.operation)
    .where('key', '=', scope.key)
    .execute();
}
