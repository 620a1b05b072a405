// CPU seconds of the float64 training path (PERFORMANCE.md, "The float64 normal equations"). After `pnpm build`:
//   node apps/runner/bench/float64-training.mjs train <problem> [seed] [repeats]
//     `train` alone on one cell of the solver preset, in this process: CPU seconds (user + system) and wall seconds of each
//     repeat; the first repeat is a fresh process's (what `quadrant run` pays), the later ones a warm worker's (a suite's).
//   node apps/runner/bench/float64-training.mjs iteration <rows> <size> [repeats]
//     milliseconds of CPU per Levenberg–Marquardt iteration on a fixed residual and Jacobian whose evaluation is free:
//     the normal equations, the factorisation and the solve, nothing else.
// `--tree <dir>` loads the packages built in another checkout (an earlier commit's build), so builds can be run in
// alternation on a shared machine.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { tree: { type: 'string' } } });
const root = resolve(values.tree ?? join(dirname(fileURLToPath(import.meta.url)), '../../..'));
const load = (path) => import(pathToFileURL(join(root, path)).href);
const trainPackage = await load('packages/train/dist/index.js');
const cpuSeconds = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const [mode, ...rest] = positionals;

if (mode === 'train') {
  const [problemName = 'robertson', seed = '0', repeats = '1'] = rest;
  const runner = await load('apps/runner/dist/index.js');
  const registry = trainPackage.createRegistry({ extends: trainPackage.defaultRegistry, plugins: [] });
  const problem = await runner.resolveProblem(problemName, registry, process.cwd());
  const settings = trainPackage.resolveSettings('solver', {}, registry, undefined);
  const spec = runner.cellSpecSchema.parse({ problem: problemName, method: 'solver', preset: 'solver', settings, seed: Number(seed) });
  const cell = runner.prepareCell(spec, problem, registry);
  for (let repeat = 0; repeat < Number(repeats); repeat++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const result = await trainPackage.train(cell.problem, cell.settings, { registry });
    const seconds = { cpu: cpuSeconds(cpu), wall: (performance.now() - wall) / 1000 };
    console.log(JSON.stringify({ root, problem: problemName, seed: Number(seed), repeat, ...seconds, epochs: result.epochs }));
    result.model.dispose();
  }
} else if (mode === 'iteration') {
  const [rows, size, repeats] = [Number(rest[0] ?? 96), Number(rest[1] ?? 99), Number(rest[2] ?? 1000)];
  const jacobian = Float64Array.from({ length: rows * size }, (_, i) => Math.sin(1 + 0.7 * i) * (1 + (i % size)));
  const residual = Float64Array.from({ length: rows }, (_, i) => Math.cos(i));
  const problem = { size, evaluate: (_parameters, withJacobian) => (withJacobian ? { residual, jacobian } : { residual }) };
  const options = trainPackage.levenbergMarquardtOptimiserOptions.parse({});
  const start = new Float64Array(size);
  // Warm-up, so the figure is the compiled code's.
  for (let repeat = 0; repeat < Math.max(3, repeats / 10); repeat++) trainPackage.levenbergMarquardt(problem, start, options, 1);
  const cpu = process.cpuUsage();
  for (let repeat = 0; repeat < repeats; repeat++) trainPackage.levenbergMarquardt(problem, start, options, 1);
  console.log(JSON.stringify({ root, rows, size, repeats, msPerIteration: (1000 * cpuSeconds(cpu)) / repeats }));
} else {
  console.error('usage: float64-training.mjs train <problem> [seed] [repeats] | iteration <rows> <size> [repeats]  [--tree <dir>]');
  process.exitCode = 2;
}
