import { describe, expect, it } from 'vitest';
import { prefaultPages } from './prefault-pages.js';

describe('prefaultPages', () => {
  it('changes no value, written before it or while it runs, and resolves once done', async () => {
    // 16 MB in all, the least it takes a thread for.
    const pages = 2_048;
    const buffers = [new SharedArrayBuffer(pages * 4096), new SharedArrayBuffer(pages * 4096 + 12)];
    const [first, second] = buffers.map((buffer) => new Int32Array(buffer));
    // Half of the first buffer filled before, the second written while the other thread runs.
    for (let i = 0; i < first!.length / 2; i++) first![i] = i + 1;
    const touched = prefaultPages(buffers);
    for (let i = 0; i < second!.length; i++) second![i] = -i - 1;
    await touched;
    expect(first!.every((word, i) => word === (i < first!.length / 2 ? i + 1 : 0))).toBe(true);
    expect(second!.every((word, i) => word === -i - 1)).toBe(true);
  });

  it('leaves less than 16 MB to the load', async () => {
    const buffer = new SharedArrayBuffer(1024 * 1024);
    await expect(prefaultPages([buffer])).resolves.toBeUndefined();
    expect(new Int32Array(buffer).every((word) => word === 0)).toBe(true);
  });
});
