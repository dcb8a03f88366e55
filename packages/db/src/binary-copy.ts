import type { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** `PGCOPY\n\377\r\n\0`, then int32 flags and an int32 header-extension length. */
const SIGNATURE_LENGTH = 11;
const HEADER_LENGTH = SIGNATURE_LENGTH + 8;

/**
 * One row of a binary COPY, valid during the call: each field's bytes are `data[starts[i], ends[i])`
 * (starts[i] is -1 for NULL).
 */
export type CopyRowVisitor = (data: Buffer, starts: Int32Array, ends: Int32Array) => void;

/**
 * Reads PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary
 * Format") chunk by chunk, handing each complete row to `visit` without copying its fields.
 */
class BinaryCopyParser {
  private pending: Buffer | null = null;
  private headerRead = false;
  private starts = new Int32Array(8);
  private ends = new Int32Array(8);
  finished = false;

  constructor(private readonly visit: CopyRowVisitor) {}

  push(chunk: Buffer): void {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    if (!this.headerRead) {
      if (data.length < HEADER_LENGTH) {
        this.pending = data;
        return;
      }
      offset = HEADER_LENGTH + data.readInt32BE(SIGNATURE_LENGTH + 4);
      this.headerRead = true;
    }
    while (!this.finished) {
      const rowEnd = this.completeRowEnd(data, offset);
      if (rowEnd === -1) break;
      const fieldCount = data.readInt16BE(offset);
      if (fieldCount === -1) {
        this.finished = true;
        offset += 2;
        break;
      }
      let at = offset + 2;
      for (let i = 0; i < fieldCount; i++) {
        const length = data.readInt32BE(at);
        at += 4;
        this.starts[i] = length === -1 ? -1 : at;
        this.ends[i] = length === -1 ? -1 : at + length;
        if (length > 0) at += length;
      }
      this.visit(data, this.starts, this.ends);
      offset = rowEnd;
    }
    this.pending = offset < data.length ? data.subarray(offset) : null;
  }

  /** Where the row starting at `offset` ends, or -1 when the data holds only part of it. */
  private completeRowEnd(data: Buffer, offset: number): number {
    if (offset + 2 > data.length) return -1;
    const fieldCount = data.readInt16BE(offset);
    if (fieldCount === -1) return offset + 2;
    if (fieldCount > this.starts.length) {
      this.starts = new Int32Array(fieldCount);
      this.ends = new Int32Array(fieldCount);
    }
    let at = offset + 2;
    for (let i = 0; i < fieldCount; i++) {
      if (at + 4 > data.length) return -1;
      const length = data.readInt32BE(at);
      at += 4 + Math.max(0, length);
    }
    return at <= data.length ? at : -1;
  }
}

/**
 * Runs a query as `COPY (…) TO STDOUT (FORMAT binary)` on a connection of `pool` and visits its rows as they
 * stream in. For bulk reads (an index mirror's start-up): no text encoding of binary columns (bytea as hex
 * doubles the bytes and the work on both sides), no object per row. COPY takes no bind parameters, so the
 * query must compile to none.
 */
export async function copyRowsOut(pool: pg.Pool, query: CompiledQuery, visit: CopyRowVisitor): Promise<void> {
  if (query.parameters.length > 0) throw new Error('a query read through COPY cannot take parameters');
  const client = await pool.connect();
  try {
    const parser = new BinaryCopyParser(visit);
    for await (const chunk of client.query(copyTo(`copy (${query.sql}) to stdout (format binary)`)))
      parser.push(chunk as Buffer);
    if (!parser.finished) throw new Error('the COPY stream ended before its trailer');
    client.release();
  } catch (error) {
    // The connection may be mid-COPY: discard it rather than return it to the pool.
    client.release(error as Error);
    throw error;
  }
}
