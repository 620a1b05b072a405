#!/usr/bin/env node
// `pnpm bench`: Quadrant beside PyTorch on one machine, in one run, as ratios.
//
//   node apps/runner/bench/run-bench.mjs [--repeats 3] [--seeds 5] [--skip-suite] [--out file.json]
//
// Figures (each min / median / max over repeats or seeds):
//   1. epochs/s of the article preset and of a tanh/Adam network of the same size, against
//      PyTorch running the same configuration (bench/pytorch/decay_baselines.py), 1 thread;
//   2. time to relative L2 <= 1e-3 on the article's problem with Quadrant's default DE-solver
//      settings (its own stopping rule, no reference) against the tuned PyTorch recipe;
//   3. relative L2 and training seconds of the defaults over 5 seeds;
//   4. the NeuroDiffEq problems (decay, harmonic oscillator, Lotka-Volterra) with the defaults,
//      against NeuroDiffEq's recorded figures (the bench does not run NeuroDiffEq itself);
//   5. the default suite with --workers 1 and --workers 2.
// PyTorch comes from the Python that has it (Debian's python3-torch lives in /usr/bin/python3);
// without one the table says so and shows Quadrant's figures alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { relativeL2 } from '@quadrant/metrics';
import { solveProblem } from '@quadrant/solvers';
import { defaultRegistry, resolveSettings, selectBackend, train } from '@quadrant/train';

const here = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    seeds: { type: 'string', default: '5' },
    epochs: { type: 'string', default: '2000' },
    'skip-suite': { type: 'boolean', default: false },
    out: { type: 'string', default: join(here, 'results', 'latest.json') },
  },
});
const repeats = Number(flags.repeats);
const seeds = Array.from({ length: Number(flags.seeds) }, (_, seed) => seed);
const epochs = Number(flags.epochs);

// NeuroDiffEq (PyTorch, float64, its defaults, 10^4 epochs) on a 2-core machine like the one of
// PERFORMANCE.md, as recorded when the performance goals were set; the bench does not install it.
const neuroDiffEq = {
  'exponential-decay': { relativeL2: 1.0e-3, seconds: 15.5 },
  'harmonic-oscillator': { relativeL2: 7.6e-3, seconds: 28 },
  'lotka-volterra': { relativeL2: 1.7e-3, seconds: 28 },
};

const stats = (values) => {
  const sorted = values.filter((value) => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: null, median: null, max: null, n: values.length };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted.at(-1), n: values.length };
};

// One thread everywhere: the comparison is per core, and OpenBLAS's own threads slow small matrices down.
const oneThread = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

// Debian's python3-torch calls whatever libblas.so.3 is installed: the reference BLAS (about 6x slower
// on these matrices) unless libopenblas0-pthread is. The probe times the step's typical product.
const blasProbe =
  'import time, torch\ntorch.set_num_threads(1)\na = torch.randn(1002, 50)\nb = torch.randn(50, 50)\nstart = time.perf_counter()\nfor _ in range(200): a @ b\nprint((time.perf_counter() - start) / 200 * 1e3)';

function findTorchPython() {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const milliseconds = Number(execFileSync(python, ['-c', blasProbe], { encoding: 'utf8', env: { ...process.env, ...oneThread } }).trim());
    return { python, version: probe.stdout.trim(), matMulMilliseconds: milliseconds, slowBlas: milliseconds > 0.5 };
  }
  return undefined;
}

function runTorch(torch, args) {
  const started = performance.now();
  const output = execFileSync(torch.python, [join(here, 'pytorch', 'decay_baselines.py'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...oneThread },
  });
  return { ...JSON.parse(output.trim().split('\n').at(-1)), processSeconds: (performance.now() - started) / 1000 };
}

const registry = defaultRegistry;
const backend = await selectBackend();
const decay = registry.problem('exponential-decay');

function errorOf(problem, model) {
  const [start, end] = problem.domain;
  const grid = Float64Array.from({ length: 201 }, (_, i) => start + ((end - start) * i) / 200);
  const reference = solveProblem(problem, { grid }).unknowns;
  const prediction = model.predict(grid);
  const stack = (values) => Float64Array.from(problem.unknowns.flatMap(({ name }) => Array.from(values[name])));
  return relativeL2(stack(prediction), stack(reference));
}

async function trainOnce(problem, preset, overrides) {
  const settings = resolveSettings(preset, overrides, registry);
  let warmStart;
  let warmEpoch = 0;
  const result = await train(problem, settings, {
    registry,
    callbacks: {
      onEpoch: ({ epoch }) => {
        // Time from epoch 50 on: the first steps compile the wasm kernels.
        if (epoch === 50) {
          warmStart = performance.now();
          warmEpoch = epoch;
        }
      },
    },
  });
  const warmSeconds = warmStart === undefined ? undefined : (performance.now() - warmStart) / 1000;
  const error = errorOf(problem, result.model);
  result.model.dispose();
  return { result, error, epochsPerSecond: warmSeconds === undefined ? result.epochs / result.seconds : (result.epochs - warmEpoch) / warmSeconds };
}

const torch = findTorchPython();
const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.versions.node, platform: process.platform },
  backend,
  torch: torch?.version ?? null,
  figures: {},
};
const log = (text) => process.stderr.write(`${text}\n`);
log(
  `backend ${backend}; PyTorch ${torch ? `${torch.version} (${torch.python}), [1002, 50]x[50, 50] in ${torch.matMulMilliseconds.toFixed(3)} ms` : 'not found: Quadrant figures only'}`,
);
if (torch?.slowBlas) log('warning: PyTorch runs on the reference BLAS; install an optimised one (apt-get install libopenblas0-pthread) for a fair comparison');
report.torchBlas = torch ? { matMulMilliseconds: torch.matMulMilliseconds, slow: torch.slowBlas } : null;

// 1. Per epoch.
for (const [name, overrides, torchMode] of [
  ['article preset', { epochs }, 'article'],
  [
    'tanh/Adam, 1-50-50-50-1',
    {
      epochs,
      architecture: { name: 'mlp', options: { activation: 'tanh' } },
      optimisers: [{ name: 'adam', options: { learningRate: 1e-3 } }],
      sampler: { name: 'grid', options: { points: 501 } },
    },
    'tanh-adam',
  ],
]) {
  const ours = [];
  const theirs = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    ours.push((await trainOnce(decay, 'article', { ...overrides, seed: repeat })).epochsPerSecond);
    if (torch) theirs.push(runTorch(torch, ['--mode', torchMode, '--epochs', String(epochs), '--seed', String(repeat)]).epochsPerSecond);
    log(`${name}: repeat ${repeat + 1}/${repeats}`);
  }
  report.figures[`epochs/s: ${name}`] = {
    quadrant: stats(ours),
    pytorch: torch ? stats(theirs) : null,
    ratio: torch ? stats(ours).median / stats(theirs).median : null,
    higherIsBetter: true,
  };
}

// 2 and 3. Time to accuracy with the defaults, and robustness over seeds.
const defaults = [];
for (const seed of seeds) {
  const started = performance.now();
  const { result, error } = await trainOnce(decay, 'solver', { seed });
  defaults.push({ seed, seconds: result.seconds, processSeconds: (performance.now() - started) / 1000, relativeL2: error, epochs: result.epochs });
  log(`defaults on exponential-decay, seed ${seed}: relL2 ${error.toExponential(2)} in ${result.seconds.toFixed(2)} s`);
}
const tuned = torch ? seeds.map((seed) => runTorch(torch, ['--mode', 'tuned', '--seed', String(seed)])) : [];
const plain = torch ? [runTorch(torch, ['--mode', 'plain-pinn', '--epochs', '10000', '--seed', '0'])] : [];
const reached = defaults.filter((run) => run.relativeL2 <= 1e-3).map((run) => run.seconds);
report.figures['seconds to relL2 <= 1e-3 (exponential-decay)'] = {
  quadrant: stats(reached.length === defaults.length ? reached : [...reached, ...Array(defaults.length - reached.length).fill(null)]),
  quadrantRuns: defaults,
  pytorch: torch ? stats(tuned.map((run) => run['secondsTo1e-3'])) : null,
  pytorchRuns: tuned,
  pytorchPlainPinn: plain,
  ratio: torch ? stats(reached).median / stats(tuned.map((run) => run['secondsTo1e-3'])).median : null,
  higherIsBetter: false,
};
report.figures['relL2 of the defaults over seeds (exponential-decay)'] = {
  quadrant: stats(defaults.map((run) => run.relativeL2)),
  'all below 1e-4': defaults.every((run) => run.relativeL2 <= 1e-4),
  maxSeconds: Math.max(...defaults.map((run) => run.seconds)),
};

// 4. The NeuroDiffEq problems.
for (const [name, recorded] of Object.entries(neuroDiffEq)) {
  const problem = registry.problem(name);
  const runs = [];
  for (const seed of seeds) {
    const { result, error } = await trainOnce(problem, 'solver', { seed });
    runs.push({ seed, relativeL2: error, seconds: result.seconds });
    log(`defaults on ${name}, seed ${seed}: relL2 ${error.toExponential(2)} in ${result.seconds.toFixed(2)} s`);
  }
  const seconds = stats(runs.map((run) => run.seconds));
  const errors = stats(runs.map((run) => run.relativeL2));
  report.figures[`${name} vs NeuroDiffEq (recorded)`] = {
    quadrant: { relativeL2: errors, seconds },
    neuroDiffEq: recorded,
    timeRatio: seconds.median / recorded.seconds,
    accuracyMet: errors.max !== null && errors.max <= recorded.relativeL2,
    worstOverMedianError: errors.max / errors.median,
    higherIsBetter: false,
  };
}

// 5. Suite scaling over workers.
if (!flags['skip-suite']) {
  const cli = join(here, '..', 'dist', 'cli.js');
  const seconds = {};
  const cellSeconds = {};
  for (const workers of [1, 2]) {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-suite-'));
    const started = performance.now();
    execFileSync(process.execPath, [cli, 'bench', '--suite', 'default', '--workers', String(workers), '--out', out, '--fresh'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    seconds[workers] = (performance.now() - started) / 1000;
    // The parallel part alone: from the first cell's start to the last cell's end (the report is rendered after, in one thread).
    const cells = readFileSync(join(out, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const starts = cells.map((cell) => Date.parse(cell.startedAt));
    cellSeconds[workers] = (Math.max(...cells.map((cell, i) => starts[i] + cell.seconds.total * 1000)) - Math.min(...starts)) / 1000;
  }
  report.figures['default suite seconds, --workers 1 vs 2'] = {
    workers1: seconds[1],
    workers2: seconds[2],
    speedUp: seconds[1] / seconds[2],
    higherIsBetter: true,
  };
  report.figures['default suite cells only, --workers 1 vs 2'] = {
    workers1: cellSeconds[1],
    workers2: cellSeconds[2],
    speedUp: cellSeconds[1] / cellSeconds[2],
    higherIsBetter: true,
  };
}

mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, `${JSON.stringify(report, undefined, 2)}\n`);
const format = (value) =>
  value === null || value === undefined ? 'n/a' : Math.abs(value) >= 0.01 && Math.abs(value) < 1e4 ? value.toFixed(3) : value.toExponential(2);
console.log(`\nQuadrant bench on ${report.machine.model} (${report.machine.cpus} cores), backend ${backend}, PyTorch ${report.torch ?? 'not found'}\n`);
for (const [name, figure] of Object.entries(report.figures)) {
  const q = figure.quadrant;
  const ours =
    q?.median !== undefined
      ? `${format(q.median)} [${format(q.min)}–${format(q.max)}]`
      : q
        ? `relL2 ${format(q.relativeL2.median)} (worst ${format(q.relativeL2.max)}), ${format(q.seconds.median)} s`
        : '';
  const theirs = figure.pytorch
    ? `PyTorch ${format(figure.pytorch.median)} [${format(figure.pytorch.min)}–${format(figure.pytorch.max)}]`
    : figure.neuroDiffEq
      ? `NeuroDiffEq relL2 ${format(figure.neuroDiffEq.relativeL2)}, ${figure.neuroDiffEq.seconds} s`
      : '';
  const ratio = figure.ratio ?? figure.timeRatio ?? figure.speedUp;
  const suite = figure.workers1 === undefined ? '' : `${format(figure.workers1)} s with 1 worker, ${format(figure.workers2)} s with 2`;
  console.log(`${name.padEnd(52)} ${(ours || suite).padEnd(40)} ${theirs.padEnd(44)} ${ratio === undefined || ratio === null ? '' : `ratio ${format(ratio)}`}`);
}
console.log(`\nwritten: ${flags.out}`);
