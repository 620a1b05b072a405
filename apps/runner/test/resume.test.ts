import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runQuadrant } from './run-quadrant.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'quadrant-resume-'));
const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

describe('quadrant run --save and --resume', () => {
  it('a single Adam phase: 80 epochs saved, resumed for 80 more, saves the weights of one run of 160 bit for bit', async () => {
    const base = scratch();
    const args = ['run', '--problem', 'exponential-decay', '--quadrant', 'pinn', '--optimiser', 'adam', '--widths', '8', '--points', '24'];
    const first = await runQuadrant([...args, '--epochs', '80', '--save', join(base, 'first')]);
    expect(first.exitCode).toBe(0);
    const resumed = await runQuadrant([...args, '--epochs', '80', '--resume', join(base, 'first'), '--save', join(base, 'resumed')]);
    expect(resumed.exitCode).toBe(0);
    expect(resumed.stdout).toContain('80 epochs');
    const whole = await runQuadrant([...args, '--epochs', '160', '--save', join(base, 'whole')]);
    expect(whole.exitCode).toBe(0);
    expect(read(join(base, 'resumed'), 'weights.json')).toEqual(read(join(base, 'whole'), 'weights.json'));
    expect(read(join(base, 'resumed'), 'training.json').checkpoint).toEqual(read(join(base, 'whole'), 'training.json').checkpoint);
  });

  it('refuses a damaged, cut-short, mismatched or newer model with exit 2 and one line naming the file and the fault', async () => {
    const base = scratch();
    const args = ['run', '--problem', 'exponential-decay', '--quadrant', 'pinn', '--optimiser', 'adam', '--widths', '8', '--points', '24', '--epochs', '5'];
    const good = join(base, 'good');
    expect((await runQuadrant([...args, '--save', good])).exitCode).toBe(0);
    const damaged = (name: string, file: string, change: (text: string) => string) => {
      const dir = join(base, name);
      cpSync(good, dir, { recursive: true });
      writeFileSync(join(dir, file), change(readFileSync(join(good, file), 'utf8')));
      return dir;
    };
    const cases: [string, RegExp][] = [
      [
        damaged('truncated', 'weights.json', (text) => text.slice(0, text.length / 2)),
        /weights\.json: not valid JSON \(.*\); the file is damaged or was cut short/,
      ],
      [
        damaged('future', 'model.json', (text) => text.replace('"format": 4', '"format": 9')),
        /model\.json: format 9 is newer than this release reads \(1 to 4\)/,
      ],
      [
        damaged('nan', 'weights.json', (text) => text.replace(/-?\d\.\d+/, 'null')),
        /weights\.json: 0\.0\.values\.0: Invalid input: expected number, received null/,
      ],
      [
        damaged('other-optimiser', 'training.json', (text) => text.replace('"optimiser":"adam"', '"optimiser":"sgd"')),
        /training\.json: checkpoint: optimiser phase 0 \(adam\): the state of optimiser 'sgd' cannot continue 'adam'/,
      ],
    ];
    for (const [dir, expected] of cases) {
      const { exitCode, stderr } = await runQuadrant([...args, '--resume', dir]);
      expect([exitCode, stderr.trim().split('\n').length], dir).toEqual([2, 1]);
      expect(stderr).toMatch(expected);
    }
  });
});

describe('quadrant run on a failing run', () => {
  it('an absurd learning rate stops with "diverged at epoch N", exit 1, and --save keeps the best weights and the partial history', async () => {
    const dir = join(scratch(), 'model');
    const { exitCode, stdout } = await runQuadrant([
      'run',
      '--json',
      '--problem',
      'exponential-decay',
      '--quadrant',
      'pinn',
      '--optimiser',
      'sgd',
      '--learning-rate',
      '1e6',
      '--save',
      dir,
    ]);
    expect(exitCode).toBe(1);
    const result = JSON.parse(stdout) as { status: string; reason: string; epochs: number; history: { epoch: number[]; total: unknown[] } };
    expect(result.status).toBe('diverged');
    expect(result.reason).toMatch(/^diverged at epoch (\d+) \(loss term '[a-z-]+' is (NaN|Infinity)\)$/);
    expect(result.history.epoch.at(-1)).toBe(result.epochs - 1);
    const training = read(dir, 'training.json');
    expect(training.checkpoint).toBeNull();
    expect(training.run).toMatchObject({ status: 'diverged', reason: result.reason, epochs: result.epochs });
    expect(training.run.history.epoch).toEqual(result.history.epoch);
    // Best weights, all finite (JSON keeps a NaN as null).
    const values = (read(dir, 'weights.json') as { values: unknown[] }[][]).flat().flatMap((each) => each.values);
    expect(values.every((each) => typeof each === 'number')).toBe(true);
  });

  it('a residual that turns NaN names the epoch, the term and the first point where it is not finite', async () => {
    const { exitCode, stdout } = await runQuadrant(['run', '--problem', fixture('log-residual.yaml'), '--quadrant', 'solver-first-order', '--epochs', '20']);
    expect(exitCode).toBe(1);
    const [, t] = /diverged — diverged at epoch 0 \(loss term 'residual' is NaN, first at t = (\d+\.\d+)\)/.exec(stdout) ?? [];
    // y - t < 0 first just past t = e for a network that starts near y(0) = e.
    expect(Number(t)).toBeGreaterThan(2.5);
    expect(Number(t)).toBeLessThan(3.2);
  });
});
