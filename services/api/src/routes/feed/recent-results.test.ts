import { describe, expect, it } from 'vitest';
import { RecentResults } from './recent-results.js';

/** A load that resolves when told to, counting how often it was started. */
function controlledLoads() {
  const pending: Array<(value: string) => void> = [];
  let started = 0;
  return {
    load: () => {
      started++;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
    finish: (value: string) => pending.shift()!(value),
    get started() {
      return started;
    },
  };
}

describe('RecentResults', () => {
  it('shares one load between the callers of a ttl, and loads again after it', async () => {
    const recent = new RecentResults<string>(1_000, 10);
    const loads = controlledLoads();
    const first = recent.get('k', 0, loads.load);
    const second = recent.get('k', 500, loads.load);
    loads.finish('a');
    expect([await first, await second]).toEqual(['a', 'a']);
    const later = recent.get('k', 1_000, loads.load);
    expect(loads.started).toBe(2);
    loads.finish('b');
    expect(await later).toBe('b');
  });

  it('does not remember a failed load', async () => {
    const recent = new RecentResults<string>(1_000, 10);
    await expect(recent.get('k', 0, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await recent.get('k', 1, () => Promise.resolve('up'))).toBe('up');
  });

  it('serves the expired result while one newer load runs, then the newer one', async () => {
    const recent = new RecentResults<string>(1_000, 10, { serveStaleWhileLoading: true });
    const loads = controlledLoads();
    const first = recent.get('k', 0, loads.load);
    loads.finish('old');
    await first;
    expect(await recent.get('k', 1_200, loads.load)).toBe('old');
    expect(await recent.get('k', 1_300, loads.load)).toBe('old');
    expect(loads.started).toBe(2);
    loads.finish('new');
    await Promise.resolve();
    expect(await recent.get('k', 1_400, loads.load)).toBe('new');
    expect(loads.started).toBe(2);
  });

  it('keeps serving the stale result when its newer load fails, and tries again on the next read', async () => {
    const recent = new RecentResults<string>(1_000, 10, { serveStaleWhileLoading: true });
    await recent.get('k', 0, () => Promise.resolve('old'));
    let attempts = 0;
    const failing = () => {
      attempts++;
      return Promise.reject(new Error('down'));
    };
    expect(await recent.get('k', 1_200, failing)).toBe('old');
    await Promise.resolve();
    expect(await recent.get('k', 1_300, failing)).toBe('old');
    expect(attempts).toBe(2);
  });

  it('waits for a new load once the result is older than twice the ttl', async () => {
    const recent = new RecentResults<string>(1_000, 10, { serveStaleWhileLoading: true });
    await recent.get('k', 0, () => Promise.resolve('old'));
    expect(await recent.get('k', 2_000, () => Promise.resolve('new'))).toBe('new');
  });
});
