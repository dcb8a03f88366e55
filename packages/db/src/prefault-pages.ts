import { Worker } from 'node:worker_threads';

/** The smallest page size of the platforms we run on: touching one word a page touches every page. */
const PAGE_BYTES = 4096;
/**
 * Less memory than this is left to the load: starting a thread (some 25 ms) costs more than the first touches
 * it would take over (4,096 pages, a few milliseconds where memory is quick to map).
 */
const MIN_BYTES = 16 * 1024 * 1024;

/**
 * A thread's script: touch every page of each buffer received, then end. An atomic compare-exchange of 0 with
 * 0 needs the page writable (so the kernel maps it) yet changes no value: a word the loading thread already
 * wrote keeps what it wrote.
 */
const TOUCH_PAGES = `
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ buffers, wordsPerPage }) => {
  for (const buffer of buffers) {
    const words = new Int32Array(buffer);
    for (let i = 0; i < words.length; i += wordsPerPage) Atomics.compareExchange(words, i, 0, 0);
  }
  parentPort.postMessage('done');
  parentPort.close();
});`;

/**
 * Touches fresh shared memory on a thread of its own while this one fills it (TfIdfIndexOptions.prefault):
 * the kernel maps and zeroes each page at its first touch, and a worker restart at 200k stories first touches
 * some 365 MB of index arrays, work that then runs on the other core instead of the loading thread (on the
 * bench's machines, where a first touch may also fault in the virtual machine's host: docs/performance.md).
 * Best effort: the load never waits for it, and pages it has not reached yet are mapped as the load writes
 * them. Resolves once every page was touched or the thread failed (for tests; nothing else waits for it).
 */
export function prefaultPages(buffers: readonly SharedArrayBuffer[]): Promise<void> {
  if (buffers.reduce((bytes, buffer) => bytes + buffer.byteLength, 0) < MIN_BYTES) return Promise.resolve();
  let thread: Worker;
  try {
    thread = new Worker(TOUCH_PAGES, { eval: true });
  } catch {
    // No thread to be had (a resource limit): the load maps its pages itself.
    return Promise.resolve();
  }
  // The process may end (a short-lived command) before the pages are touched.
  thread.unref();
  thread.postMessage({ buffers, wordsPerPage: PAGE_BYTES / Int32Array.BYTES_PER_ELEMENT });
  return new Promise((resolve) => {
    thread.once('message', () => resolve());
    thread.once('error', () => resolve());
    thread.once('exit', () => resolve());
  });
}
