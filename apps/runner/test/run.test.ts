import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, runQuadrant } from './run-quadrant.ts';

interface RunJson {
  status: string;
  backend: string;
  epochs: number;
  settings: { architecture: { name: string; options: Record<string, unknown> }; initialCondition: string };
  metrics: { inDomain: { relativeL2: number; maxAbs: number }; extrapolation: { relativeL2: number; maxAbs: number } };
  finalLoss: { terms: Record<string, number> };
  learnedParameters?: Record<string, { value: number; truth?: number }>;
  verdict?: { status: string; estimatedError: number; tolerance: number; worstResidual: { value: number; t: number; unknown: string } };
  referenceSolver: string;
}

const run = async (args: string[]) => {
  const { exitCode, stdout, stderr } = await runQuadrant(['run', '--json', ...args]);
  expect(stderr).not.toContain('error:');
  return { exitCode, result: JSON.parse(stdout) as RunJson };
};

describe('quadrant run', () => {
  it('the DE-solver quadrant with the defaults solves the article problem to relative L2 1e-8 in float64 and prints what it did', async () => {
    const { exitCode, result } = await run(['--problem', 'exponential-decay', '--quadrant', 'solver', '--seed', '1']);
    expect(exitCode).toBe(0);
    expect(result.status).toBe('ok');
    expect(result.backend).toBe('float64');
    expect(result.referenceSolver).toBe('odex');
    expect(result.metrics.inDomain.relativeL2).toBeLessThan(1e-8);
    expect(result.verdict).toMatchObject({ status: 'solved', tolerance: 1e-3 });
    expect(result.verdict!.estimatedError).toBeLessThan(1e-8);
    expect(result.metrics.extrapolation.relativeL2).toBeGreaterThan(result.metrics.inDomain.relativeL2);
    expect(Object.keys(result.finalLoss.terms)).toContain('residual');
  });

  it('flags reach the settings: architecture, activation, widths, optimiser, points, initial condition, epochs', async () => {
    const { result } = await run([
      '--problem',
      'exponential-decay',
      '--quadrant',
      'solver',
      '--architecture',
      'mlp',
      '--activation',
      'sin',
      '--widths',
      '8,8',
      '--optimiser',
      'adam',
      '--learning-rate',
      '0.01',
      '--points',
      '32',
      '--initial-condition',
      'soft',
      '--epochs',
      '40',
    ]);
    // The solver quadrant marches: 40 epochs in each window.
    expect(result.epochs % 40).toBe(0);
    expect(result.settings.architecture.options).toMatchObject({ activation: 'sin', hidden: [8, 8] });
    expect(result.settings.initialCondition).toBe('soft');
    expect(Object.keys(result.finalLoss.terms)).toContain('initial-condition');
  });

  it('solves a problem file written outside the library (its own independent variable, a forcing term) and says so', async () => {
    const { exitCode, result } = await run(['--problem', fixture('forced-oscillator.yaml'), '--quadrant', 'solver']);
    expect(exitCode).toBe(0);
    expect(result.metrics.inDomain.relativeL2).toBeLessThan(1e-6);
    expect(result.verdict!.status).toBe('solved');
  });

  it('a network trapped on a fixed point is reported unsolved, in the text and in --json, though the run itself is ok', async () => {
    const args = ['run', '--problem', 'logistic-growth', '--quadrant', 'solver-first-order'];
    const text = await runQuadrant(args);
    expect(text.stdout).toMatch(/verdict: unsolved \(estimated relative L2 \d/);
    const { result } = await run(args.slice(1));
    expect(result.metrics.inDomain.relativeL2).toBeGreaterThan(0.5);
    expect(result.verdict!.status).toBe('unsolved');
    expect(result.verdict!.estimatedError).toBeGreaterThan(1);
  });

  it('a PINN learns an unknown parameter from noisy samples of a problem file', async () => {
    const { exitCode, result } = await run(['--problem', fixture('decay-inverse.yaml'), '--quadrant', 'pinn']);
    expect(exitCode).toBe(0);
    const k = result.learnedParameters!.k!;
    expect(k.truth).toBe(1);
    expect(Math.abs(k.value - 1)).toBeLessThan(0.02);
  });

  it('saves the trained model to a folder and resumes training from it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'quadrant-model-')), 'model');
    // SGD keeps no state between steps, so a resumed run continues exactly where the saved one stopped.
    const sgd = ['--problem', 'exponential-decay', '--quadrant', 'pinn', '--optimiser', 'sgd', '--learning-rate', '0.01', '--epochs', '60'];
    const first = await run([...sgd, '--save', dir]);
    expect(first.exitCode).toBe(0);
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
    const resumed = await run([...sgd, '--resume', dir]);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.result.metrics.inDomain.relativeL2).toBeLessThan(first.result.metrics.inDomain.relativeL2);
    const misfit = await runQuadrant(['run', ...sgd, '--widths', '8', '--resume', dir]);
    expect(misfit.exitCode).toBe(2);
    expect(misfit.stderr).toContain('does not fit');
  });

  it('loads a plugin: the example architecture and loss term train through the CLI', async () => {
    const plugin = fileURLToPath(new URL('../../../examples/plugin-siren/dist/index.js', import.meta.url));
    const listing = await runQuadrant(['list', '--json', '--plugin', plugin]);
    expect(listing.exitCode).toBe(0);
    const entries = JSON.parse(listing.stdout) as Record<string, { name: string; plugin: string }[]>;
    expect(entries.architectures!.some((entry) => entry.name === 'siren')).toBe(true);
    const { exitCode, result } = await run([
      '--problem',
      'exponential-decay',
      '--quadrant',
      'solver-first-order',
      '--plugin',
      plugin,
      '--architecture',
      'siren',
      '--epochs',
      '300',
    ]);
    expect(exitCode).toBe(0);
    expect(result.settings.architecture.name).toBe('siren');
    expect(result.metrics.inDomain.relativeL2).toBeLessThan(5e-2);
  });
});
