#!/usr/bin/env node
// `pnpm bench`: Quadrant beside PyTorch and NeuroDiffEq on one machine, in one run, as ratios.
// `node apps/runner/bench/run-bench.mjs --help` lists the options.
//
// Figures (each min / median / max over repeats or seeds; PyTorch and NeuroDiffEq run between
// Quadrant's repeats, alternating, so a busy machine slows both alike):
//   1. whole command: `quadrant run --problem exponential-decay --quadrant solver` as a process,
//      start to exit (it stops by its own rule, past relL2 1e-3), against a PyTorch process that
//      imports torch and runs the tuned recipe until relL2 <= 1e-3 (bench/pytorch/decay_baselines.py
//      --mode tuned --stop-at 1e-3); also the start-up of `quadrant --help` and `quadrant solve`;
//   2. seconds of training to relL2 <= 1e-3 on the article's problem with the default DE-solver
//      settings against the tuned PyTorch recipe, and to relL2 <= 1e-6 (target: 2 s);
//   3. epochs/s of the article preset and of a tanh/Adam network of the same size, against
//      PyTorch running the same configuration, 1 thread;
//   4. relative L2 and training seconds of the defaults over the seeds; `quadrant run --seeds 8`
//      against one seed as whole processes, each seed's result against the seed run alone; the
//      solver-seeds suite on 2 workers, whole command; the seed the verdict picks per problem;
//   5. the NeuroDiffEq problems (decay, harmonic oscillator, Lotka-Volterra) with the defaults,
//      against NeuroDiffEq run live (bench/neurodiffeq/nde_peer.py: its Solver1D defaults,
//      float64, fewer epochs than its 10^4 by default, one seed) when /usr/bin/python3 imports
//      torch and neurodiffeq (a checkout named by --neurodiffeq or NEURODIFFEQ_PATH, or an
//      installed package); without it, one line says so and the recorded figures are shown, labelled;
//   6. the default suite with --workers 1 and --workers 2.
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
const usage = `usage: node apps/runner/bench/run-bench.mjs [options]   (pnpm bench passes its arguments on)

  --repeats <n>          repeats of the per-epoch figures (default 3)
  --seeds <n>            seeds 0..n-1 of the defaults on each problem (default 5)
  --epochs <n>           epochs of the per-epoch figures (default 2000)
  --process-repeats <n>  alternating pairs of whole processes, quadrant run vs PyTorch (default 5)
  --neurodiffeq <dir>    folder holding NeuroDiffEq's 'neurodiffeq' package (a checkout); default
                         $NEURODIFFEQ_PATH, else an installed package, else its recorded figures
  --nde-epochs <n>       NeuroDiffEq's max_epochs per problem (default 2000; its own runs use 10^4,
                         15-28 s a problem on 2 cores)
  --nde-seeds <n>        NeuroDiffEq seeds per problem (default 1)
  --skip-per-epoch       leave out the per-epoch figures (3)
  --skip-suite           leave out the suites: the default one over 1 and 2 workers (6), the longest
                         part, and the solver-seeds suite (4)
  --skip-seeds           leave out the seeds in one process and the solver-seeds suite (4)
  --only-per-epoch       the per-epoch figures (3) alone, Quadrant and PyTorch alternating
  --out <file>           the JSON written (default apps/runner/bench/results/latest.json)
  --help                 this text

Runs the built CLI (apps/runner/dist): build first (pnpm turbo run build).`;
const { values: flags } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    seeds: { type: 'string', default: '5' },
    epochs: { type: 'string', default: '2000' },
    'process-repeats': { type: 'string', default: '5' },
    neurodiffeq: { type: 'string', default: process.env.NEURODIFFEQ_PATH || '' },
    'nde-epochs': { type: 'string', default: '2000' },
    'skip-seeds': { type: 'boolean', default: false },
    'nde-seeds': { type: 'string', default: '1' },
    'skip-per-epoch': { type: 'boolean', default: false },
    'skip-suite': { type: 'boolean', default: false },
    'only-per-epoch': { type: 'boolean', default: false },
    out: { type: 'string', default: join(here, 'results', 'latest.json') },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
for (const name of ['repeats', 'seeds', 'epochs', 'process-repeats', 'nde-epochs', 'nde-seeds']) {
  if (!/^[1-9]\d*$/.test(flags[name])) {
    console.error(`--${name}: expected a positive integer, got '${flags[name]}'`);
    process.exit(2);
  }
}
const repeats = Number(flags.repeats);
const seeds = Array.from({ length: Number(flags.seeds) }, (_, seed) => seed);
const epochs = Number(flags.epochs);
const processRepeats = Number(flags['process-repeats']);
const cli = join(here, '..', 'dist', 'cli.js');

// NeuroDiffEq (PyTorch, float64, its defaults, 10^4 epochs, seeds 0-2) on a 2-core machine like
// the one of PERFORMANCE.md, as recorded when the performance goals were set: shown, labelled as
// recorded, when NeuroDiffEq cannot run here.
const neuroDiffEqRecorded = {
  'exponential-decay': { relativeL2: 1.0e-3, seconds: 15.5, epochs: 10000 },
  'harmonic-oscillator': { relativeL2: 7.6e-3, seconds: 28, epochs: 10000 },
  'lotka-volterra': { relativeL2: 1.7e-3, seconds: 28, epochs: 10000 },
};

const stats = (values) => {
  const sorted = values.filter((value) => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: null, median: null, max: null, n: values.length };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted.at(-1), n: values.length };
};
const ratioOf = (ours, theirs) => (ours?.median != null && theirs?.median ? ours.median / theirs.median : null);

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

const ndeScript = join(here, 'neurodiffeq', 'nde_peer.py');
const ndePathArgs = flags.neurodiffeq ? ['--neurodiffeq', flags.neurodiffeq] : [];

/** NeuroDiffEq's versions when the torch Python imports it (from --neurodiffeq's folder or installed), else why not. */
function findNeuroDiffEq(torch) {
  if (!torch) return { available: false, reason: 'no Python with torch' };
  const probe = spawnSync(torch.python, [ndeScript, '--check', ...ndePathArgs], { encoding: 'utf8', env: { ...process.env, ...oneThread } });
  const line = probe.stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { available: false, reason: (probe.stderr.trim().split('\n').at(-1) ?? '') || `exit code ${probe.status}` };
  }
}

function runTorch(torch, args) {
  const started = performance.now();
  const output = execFileSync(torch.python, [join(here, 'pytorch', 'decay_baselines.py'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...oneThread },
  });
  return { ...JSON.parse(output.trim().split('\n').at(-1)), processSeconds: (performance.now() - started) / 1000 };
}

/** Wall seconds of a whole process, spawn to exit, with what it printed. */
function timeProcess(command, args, env = {}) {
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${run.status}: ${run.stderr.trim().split('\n').at(-1)}`);
  return { seconds, stdout: run.stdout };
}

const registry = defaultRegistry;
const backend = await selectBackend();
const decay = registry.problem('exponential-decay');

const evenGrid = (problem, points) => {
  const [start, end] = problem.domain;
  return Float64Array.from({ length: points }, (_, i) => start + ((end - start) * i) / (points - 1));
};
// The problem's own unknowns (y of y'' = -y, not y'), stacked, as NeuroDiffEq's solution gives them.
const stack = (problem, values) => Float64Array.from(problem.unknowns.flatMap(({ name }) => Array.from(values[name])));

function errorOf(problem, model, points = 201) {
  const grid = evenGrid(problem, points);
  return relativeL2(stack(problem, model.predict(grid)), stack(problem, solveProblem(problem, { grid }).unknowns));
}

async function trainOnce(problem, preset, overrides, errorPoints) {
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
  const error = errorOf(problem, result.model, errorPoints);
  result.model.dispose();
  return { result, error, epochsPerSecond: warmSeconds === undefined ? result.epochs / result.seconds : (result.epochs - warmEpoch) / warmSeconds };
}

const torch = findTorchPython();
const neuroDiffEq = findNeuroDiffEq(torch);
const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.versions.node, platform: process.platform },
  backend,
  torch: torch?.version ?? null,
  neuroDiffEq: neuroDiffEq.available ? { neurodiffeq: neuroDiffEq.neurodiffeq, epochs: Number(flags['nde-epochs']), seeds: Number(flags['nde-seeds']) } : null,
  figures: {},
};
const log = (text) => process.stderr.write(`${text}\n`);
log(
  `backend ${backend}; PyTorch ${torch ? `${torch.version} (${torch.python}), [1002, 50]x[50, 50] in ${torch.matMulMilliseconds.toFixed(3)} ms` : 'not found: Quadrant figures only'}`,
);
if (torch?.slowBlas) log('warning: PyTorch runs on the reference BLAS; install an optimised one (apt-get install libopenblas0-pthread) for a fair comparison');
log(
  neuroDiffEq.available
    ? `NeuroDiffEq ${neuroDiffEq.neurodiffeq} runs live: its defaults, ${flags['nde-epochs']} epochs, ${flags['nde-seeds']} seed(s) a problem`
    : `NeuroDiffEq not run (${neuroDiffEq.reason}; give its checkout with --neurodiffeq or NEURODIFFEQ_PATH): its recorded figures are shown, labelled`,
);
report.torchBlas = torch ? { matMulMilliseconds: torch.matMulMilliseconds, slow: torch.slowBlas } : null;

const onlyPerEpoch = flags['only-per-epoch'];
if (onlyPerEpoch && flags['skip-per-epoch']) {
  console.error('--only-per-epoch and --skip-per-epoch: choose one');
  process.exit(2);
}

// 1. The whole command, start to exit, against a whole PyTorch process to the same error; pairs alternate.
if (!onlyPerEpoch) {
  const ours = [];
  const oursErrors = [];
  const theirs = [];
  for (let repeat = 0; repeat < processRepeats; repeat++) {
    // No QUADRANT_BACKEND: the command loads what it needs, as a user's does.
    const run = timeProcess(process.execPath, [cli, 'run', '--json', '--problem', 'exponential-decay', '--quadrant', 'solver'], { QUADRANT_BACKEND: '' });
    ours.push(run.seconds);
    oursErrors.push(JSON.parse(run.stdout).metrics.inDomain.relativeL2);
    if (torch) {
      const started = performance.now();
      const result = runTorch(torch, ['--mode', 'tuned', '--stop-at', '1e-3', '--seed', String(repeat)]);
      theirs.push(result.relativeL2 <= 1e-3 ? (performance.now() - started) / 1000 : null);
    }
    log(`whole process: repeat ${repeat + 1}/${processRepeats}`);
  }
  report.figures['process seconds to relL2 <= 1e-3: quadrant run vs python+torch'] = {
    quadrant: stats(ours),
    quadrantRelativeL2: stats(oursErrors),
    pytorch: torch ? stats(theirs) : null,
    ratio: torch ? ratioOf(stats(ours), stats(theirs)) : null,
    higherIsBetter: false,
  };
  for (const args of [['--help'], ['solve', '--problem', 'exponential-decay']]) {
    const times = Array.from({ length: processRepeats }, () => timeProcess(process.execPath, [cli, ...args]).seconds);
    report.figures[`process seconds: quadrant ${args.join(' ')}`] = { quadrant: stats(times), higherIsBetter: false };
  }
}

// 4. Seeds of one cell in one process: `quadrant run --seeds 8` against one seed, start to exit, alternating;
// every seed's result against the same seed run alone.
const solverRun = [cli, 'run', '--json', '--problem', 'exponential-decay', '--quadrant', 'solver'];
if (!onlyPerEpoch && !flags['skip-seeds']) {
  const one = [];
  const eight = [];
  let together;
  for (let repeat = 0; repeat < processRepeats; repeat++) {
    one.push(timeProcess(process.execPath, solverRun).seconds);
    const run = timeProcess(process.execPath, [...solverRun, '--seeds', '8']);
    eight.push(run.seconds);
    together = JSON.parse(run.stdout);
    log(`8 seeds in one process: repeat ${repeat + 1}/${processRepeats}`);
  }
  const alone = together.seeds.map((seed) => JSON.parse(timeProcess(process.execPath, [...solverRun, '--seed', String(seed.seed)]).stdout));
  const differences = alone.map((result, index) => Math.abs(result.metrics.inDomain.relativeL2 - together.seeds[index].metrics.inDomain.relativeL2));
  report.figures['process seconds: quadrant run --seeds 8 vs one seed (target <= 2.5x)'] = {
    quadrant: stats(eight),
    baseline: { label: 'one seed', ...stats(one) },
    ratio: ratioOf(stats(eight), stats(one)),
    largestDifferenceFromAlone: Math.max(...differences),
    higherIsBetter: false,
  };
}

// 2 and 4. Time to accuracy with the defaults, and robustness over seeds.
const defaults = [];
if (!onlyPerEpoch) {
  for (const seed of seeds) {
    const started = performance.now();
    const { result, error } = await trainOnce(decay, 'solver', { seed });
    defaults.push({ seed, seconds: result.seconds, processSeconds: (performance.now() - started) / 1000, relativeL2: error, epochs: result.epochs });
    log(`defaults on exponential-decay, seed ${seed}: relL2 ${error.toExponential(2)} in ${result.seconds.toFixed(2)} s`);
  }
  const tuned = torch ? seeds.map((seed) => runTorch(torch, ['--mode', 'tuned', '--seed', String(seed)])) : [];
  const plain = torch ? [runTorch(torch, ['--mode', 'plain-pinn', '--epochs', '10000', '--seed', '0'])] : [];
  // The defaults run to their own stop; a seed that ends above the target has not reached it (null).
  const secondsTo = (target) => stats(defaults.map((run) => (run.relativeL2 <= target ? run.seconds : null)));
  report.figures['seconds to relL2 <= 1e-3 (exponential-decay)'] = {
    quadrant: secondsTo(1e-3),
    quadrantRuns: defaults,
    pytorch: torch ? stats(tuned.map((run) => run['secondsTo1e-3'])) : null,
    pytorchRuns: tuned,
    pytorchPlainPinn: plain,
    ratio: torch ? ratioOf(secondsTo(1e-3), stats(tuned.map((run) => run['secondsTo1e-3']))) : null,
    higherIsBetter: false,
  };
  report.figures['seconds to relL2 <= 1e-6 (exponential-decay; target 2 s)'] = {
    quadrant: secondsTo(1e-6),
    reachedBy: `${defaults.filter((run) => run.relativeL2 <= 1e-6).length} of ${defaults.length} seeds`,
    ratio: secondsTo(1e-6).max === null ? null : secondsTo(1e-6).max / 2,
    higherIsBetter: false,
  };
}

// 3. Per epoch.
if (!flags['skip-per-epoch']) {
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
      ratio: torch ? ratioOf(stats(ours), stats(theirs)) : null,
      higherIsBetter: true,
    };
  }
}

if (!onlyPerEpoch) {
  report.figures['relL2 of the defaults over seeds (exponential-decay)'] = {
    quadrant: stats(defaults.map((run) => run.relativeL2)),
    'all below 1e-4': defaults.every((run) => run.relativeL2 <= 1e-4),
    maxSeconds: Math.max(...defaults.map((run) => run.seconds)),
  };

  // 5. The NeuroDiffEq problems: both measured against Quadrant's reference on one 1001-point grid.
  const referenceDir = mkdtempSync(join(tmpdir(), 'quadrant-bench-'));
  const ndeSeeds = Array.from({ length: Number(flags['nde-seeds']) }, (_, seed) => seed);
  for (const name of Object.keys(neuroDiffEqRecorded)) {
    const problem = registry.problem(name);
    const runs = [];
    const peers = [];
    for (const seed of seeds) {
      const { result, error } = await trainOnce(problem, 'solver', { seed }, 1001);
      runs.push({ seed, relativeL2: error, seconds: result.seconds });
      log(`defaults on ${name}, seed ${seed}: relL2 ${error.toExponential(2)} in ${result.seconds.toFixed(2)} s`);
      if (neuroDiffEq.available && seed < ndeSeeds.length) {
        const grid = evenGrid(problem, 1001);
        const reference = solveProblem(problem, { grid }).unknowns;
        const file = join(referenceDir, `${name}.json`);
        writeFileSync(
          file,
          JSON.stringify({
            t: Array.from(grid),
            values: Object.fromEntries(problem.unknowns.map(({ name: unknown }) => [unknown, Array.from(reference[unknown])])),
          }),
        );
        const output = execFileSync(
          torch.python,
          [ndeScript, '--problem', name, '--reference', file, '--epochs', flags['nde-epochs'], '--seed', String(seed), ...ndePathArgs],
          { encoding: 'utf8', env: { ...process.env, ...oneThread } },
        );
        const peer = JSON.parse(output.trim().split('\n').at(-1));
        peers.push(peer);
        log(`NeuroDiffEq on ${name}, seed ${seed}: relL2 ${peer.relativeL2.toExponential(2)} in ${peer.seconds.toFixed(2)} s (${peer.epochs} epochs)`);
      }
    }
    const seconds = stats(runs.map((run) => run.seconds));
    const errors = stats(runs.map((run) => run.relativeL2));
    const peer =
      peers.length > 0
        ? { relativeL2: stats(peers.map((run) => run.relativeL2)), seconds: stats(peers.map((run) => run.seconds)), epochs: peers[0].epochs }
        : null;
    const recorded = neuroDiffEqRecorded[name];
    const theirs = peer ? { relativeL2: peer.relativeL2.median, seconds: peer.seconds.median } : recorded;
    report.figures[`${name} vs NeuroDiffEq (${peer ? `live, ${peer.epochs} epochs` : 'recorded, 10^4 epochs'})`] = {
      quadrant: { relativeL2: errors, seconds },
      neuroDiffEq: peer ? { ...peer, live: true } : { ...recorded, live: false },
      timeRatio: seconds.median / theirs.seconds,
      accuracyRatio: errors.median / theirs.relativeL2,
      accuracyMet: errors.max !== null && errors.max <= theirs.relativeL2,
      worstOverMedianError: errors.max / errors.median,
      higherIsBetter: false,
    };
  }
}

// 4. The solver-seeds suite (12 problems x seeds 0-4 with the defaults, and odex) on 2 workers, whole command, against
// the recorded figure of the build before (the same command on the same idle machine, median of three runs, commit 1406f31);
// and the seed the verdict picks on each problem against the best and the median seed by the reference.
if (!onlyPerEpoch && !flags['skip-seeds'] && !flags['skip-suite']) {
  const { bestSeed } = await import('../dist/results/seed-merit.js');
  const out = mkdtempSync(join(tmpdir(), 'quadrant-solver-seeds-'));
  const started = performance.now();
  execFileSync(process.execPath, [cli, 'bench', '--suite', 'solver-seeds', '--workers', '2', '--out', out, '--fresh'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  const cells = readFileSync(join(out, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((cell) => cell.method === 'solver');
  const recorded = 32.5;
  report.figures['solver-seeds suite seconds, --workers 2 (target: half the recorded 32.5 s)'] = {
    quadrant: { min: seconds, median: seconds, max: seconds },
    baseline: { label: 'recorded before', min: recorded, median: recorded, max: recorded },
    ratio: seconds / recorded,
    higherIsBetter: false,
  };
  const problems = [...new Set(cells.map((cell) => cell.problem))];
  const picks = problems.map((problem) => {
    const seeds = cells.filter((cell) => cell.problem === problem);
    const errors = seeds.map((cell) => cell.metrics.inDomain.relativeL2).sort((a, b) => a - b);
    const picked = bestSeed(seeds).metrics.inDomain.relativeL2;
    return { problem, picked, best: errors[0], median: errors[Math.floor(errors.length / 2)], rank: errors.indexOf(picked) + 1 };
  });
  const geometricMean = (values) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
  report.figures['the seed the verdict picks, relL2 over the median seed (solver-seeds)'] = {
    quadrant: stats(picks.map((pick) => pick.picked / pick.median)),
    note: `the best seed on ${picks.filter((pick) => pick.rank === 1).length} of ${picks.length} problems; geometric mean ${geometricMean(
      picks.map((pick) => pick.picked / pick.median),
    ).toFixed(2)} of the median seed's error`,
    picks,
    higherIsBetter: false,
  };
}

// 6. Suite scaling over workers.
if (!flags['skip-suite'] && !onlyPerEpoch) {
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
const range = (figure) => `${format(figure.median)} [${format(figure.min)}–${format(figure.max)}]`;
console.log(
  `\nQuadrant bench on ${report.machine.model} (${report.machine.cpus} cores), backend ${backend}, PyTorch ${report.torch ?? 'not found'}, NeuroDiffEq ${
    report.neuroDiffEq
      ? `${report.neuroDiffEq.neurodiffeq} live (${report.neuroDiffEq.epochs} epochs, ${report.neuroDiffEq.seeds} seed(s))`
      : 'not run: recorded figures'
  }\n`,
);
for (const [name, figure] of Object.entries(report.figures)) {
  const q = figure.quadrant;
  const ours =
    q?.median !== undefined ? range(q) : q ? `relL2 ${format(q.relativeL2.median)} (worst ${format(q.relativeL2.max)}), ${format(q.seconds.median)} s` : '';
  const peer = figure.neuroDiffEq;
  const theirs = figure.baseline
    ? `${figure.baseline.label} ${range(figure.baseline)}`
    : figure.pytorch
      ? `PyTorch ${range(figure.pytorch)}`
      : peer
        ? peer.live
          ? `NeuroDiffEq relL2 ${format(peer.relativeL2.median)}, ${format(peer.seconds.median)} s`
          : `NeuroDiffEq (recorded) relL2 ${format(peer.relativeL2)}, ${peer.seconds} s`
        : '';
  const ratio = figure.ratio ?? figure.timeRatio ?? figure.speedUp;
  const ratios = [
    ratio === undefined || ratio === null ? '' : `${figure.timeRatio === undefined ? 'ratio' : 'time ratio'} ${format(ratio)}`,
    figure.accuracyRatio === undefined ? '' : `error ratio ${format(figure.accuracyRatio)}`,
  ]
    .filter(Boolean)
    .join(', ');
  const suite = figure.workers1 === undefined ? '' : `${format(figure.workers1)} s with 1 worker, ${format(figure.workers2)} s with 2`;
  console.log(`${name.padEnd(66)} ${(ours || suite).padEnd(40)} ${(theirs || figure.note || '').padEnd(44)} ${ratios}`);
}
console.log(`\nwritten: ${flags.out}`);
