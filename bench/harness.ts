/** Timing and printing shared by the benchmarks: medians per operation, and ratios against a baseline. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * A script of the root package.json as a benchmark runs it in a process of its own: the environment its
 * leading `NAME=value` words set, and the words of its command.
 */
export function packageScript(name: string): { env: Record<string, string>; command: string[] } {
  const { scripts } = JSON.parse(readFileSync(`${REPOSITORY_ROOT}/package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = scripts[name]!.split(' ');
  const env: Record<string, string> = {};
  while (/^\w+=/.test(words[0]!)) {
    const [key, ...value] = words.shift()!.split('=');
    env[key!] = value.join('=');
  }
  return { env, command: words };
}

export interface MeasureOptions {
  /** Run exactly this many timed operations… */
  iterations?: number;
  /** …or as many as fit in this time (at least one). */
  minTimeMs?: number;
  /** Untimed runs first, so the JIT has compiled the code being timed. */
  warmup?: number;
}

/** Milliseconds of every timed call of `fn`, fastest first. */
export async function sampleTimes(fn: () => unknown, options: MeasureOptions): Promise<number[]> {
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
  return times.sort((a, b) => a - b);
}

/** Median milliseconds per call of `fn`; the median, unlike the mean, shrugs off a stray GC pause. */
export async function measure(fn: () => unknown, options: MeasureOptions): Promise<number> {
  const times = await sampleTimes(fn, options);
  const middle = times.length >> 1;
  return times.length % 2 === 1 ? times[middle]! : (times[middle - 1]! + times[middle]!) / 2;
}

/** The nearest-rank percentile (0 < p ≤ 1) of times sorted fastest first, e.g. 0.99 for p99. */
export function percentile(sortedTimes: readonly number[], p: number): number {
  return sortedTimes[Math.max(0, Math.ceil(p * sortedTimes.length) - 1)]!;
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
  printTable(title, header, lines, textColumns);
}

/** One figure of `pnpm bench -- --json FILE`: ours, the baseline it is measured against, and its target. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with, e.g. "bare fastify + pg". */
  baseline: string;
  baselineValue: number | null;
  /** As printed: ours ÷ baseline for rates, baseline ÷ ours for times; null without a baseline. */
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

/** Prints a plain table: text columns left-aligned, the others right-aligned. */
export function printTable(
  title: string,
  header: readonly string[],
  lines: readonly string[][],
  textColumns: ReadonlySet<number> = new Set([0]),
): void {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return textColumns.has(column) ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

/** Figures for tables: thousands separated, a sensible number of decimals. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}

export function yesNo(met: boolean | null): string {
  return met === null ? '' : met ? 'yes' : 'NO';
}
