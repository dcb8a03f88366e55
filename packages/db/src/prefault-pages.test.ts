import { describe, expect, it } from 'vitest';
import { prefaultPages } from './prefault-pages.js';

describe('prefaultPages', () => {
  it('changes no value, written before it or while it runs, and resolves once done', async () => {
    const pages = 64;
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

  it('does nothing for no buffers', async () => {
    await expect(prefaultPages([])).resolves.toBeUndefined();
  });
});
