/**
 * `pnpm bench`: runs every benchmark in turn. Each one measures our code and a baseline in this same
 * process, on the same data, and prints ratios, which carry across machines far better than absolute
 * figures do. `pnpm bench -- --json FILE` also writes every figure as JSON; `--only NAME[,NAME]` runs some.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import type { BenchRow } from './harness.js';
import { run as http } from './http.bench.js';
import { run as importer } from './import.bench.js';
import { run as jobs } from './jobs.bench.js';
import { run as scores } from './scores.bench.js';
import { run as similarity } from './similarity.bench.js';

const benchmarks: [name: string, run: () => Promise<BenchRow[]>][] = [
  ['similarity', similarity],
  ['http', http],
  ['import', importer],
  ['jobs', jobs],
  ['scores', scores],
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at === -1) return undefined;
  const value = process.argv[at + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

const jsonFile = option('--json');
const only = option('--only')?.split(',');

console.log('Knowledge Feed benchmarks: every figure is compared with a baseline measured in this same run.');
// The machine, and how busy it was (other processes skew the absolute figures, far less the ratios).
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, ` +
    `Node ${process.versions.node}, load average ${loadavg()[0]!.toFixed(1)}`,
);
const rows: BenchRow[] = [];
for (const [name, run] of benchmarks) {
  if (only && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  rows.push(...(await run()));
}
if (jsonFile) {
  await writeFile(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`\n${rows.length} figures written to ${jsonFile}`);
}
