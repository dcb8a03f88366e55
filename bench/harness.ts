/** Timing and printing shared by the benchmarks: medians per operation, and ratios against a baseline. */

export interface MeasureOptions {
  /** Run exactly this many timed operations… */
  iterations?: number;
  /** …or as many as fit in this time (at least one). */
  minTimeMs?: number;
  /** Untimed runs first, so the JIT has compiled the code being timed. */
  warmup?: number;
}

/** Median milliseconds per call of `fn`; the median, unlike the mean, shrugs off a stray GC pause. */
export async function measure(fn: () => unknown, options: MeasureOptions): Promise<number> {
  const { iterations, minTimeMs = 0, warmup = 0 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  while (
    iterations !== undefined
      ? times.length < iterations
      : times.length === 0 || performance.now() - started < minTimeMs
  ) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const middle = times.length >> 1;
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}

export interface ComparisonRow {
  benchmark: string;
  corpusSize: number;
  baselineMs: number;
  oursMs: number;
  /** How the figures were taken, e.g. how many baseline runs. */
  note?: string;
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4);
}

function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio >= 10 ? 0 : 2)}×`;
}

/** Prints a table; the ratio is baseline ÷ ours ("× faster"), so below 1 means the baseline is faster. */
export function printComparison(title: string, rows: readonly ComparisonRow[]): void {
  const header = ['benchmark', 'corpus size', 'baseline ms', 'ours ms', '× faster', 'note'];
  const textColumns = new Set([0, header.length - 1]);
  const lines = rows.map((row) => [
    row.benchmark,
    row.corpusSize.toLocaleString('en-US'),
    formatMs(row.baselineMs),
    formatMs(row.oursMs),
    formatRatio(row.baselineMs / row.oursMs),
    row.note ?? '',
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => line[column]!.length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) =>
        textColumns.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}
