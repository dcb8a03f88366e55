/**
 * `pnpm bench`: runs every benchmark in turn. Each one measures our code and a baseline in this same
 * process, on the same data, and prints ratios (baseline ÷ ours), which carry across machines far better
 * than absolute times do.
 */
import { run as similarity } from './similarity.bench.js';

const benchmarks: [name: string, run: () => Promise<void>][] = [['similarity', similarity]];

console.log(
  'Knowledge Feed benchmarks: figures are medians in ms; ratio = baseline ÷ ours (above 1: we are faster).',
);
for (const [name, run] of benchmarks) {
  console.log(`\n== ${name} ==`);
  await run();
}
