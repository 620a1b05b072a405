import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './run-quadrant.ts';
import { runInProcess } from './run-in-process.ts';

interface BundleRunJson {
  bundle: { box: { name: string; range: number[] }[]; points: { theta: number[]; relativeL2: number }[]; worst: number; median: number };
}

describe('a bundle trained by quadrant run and evaluated by quadrant predict', () => {
  let dir: string;
  let model: string;
  let run: BundleRunJson;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quadrant-predict-'));
    model = join(dir, 'decay');
    // A smaller bundle than the preset's keeps the test short; it still meets 1e-3 on decay.
    const config = join(dir, 'small.json');
    await writeFile(config, JSON.stringify({ architecture: { name: 'random-features', options: { features: 160, scale: 2 } }, bundle: { points: 16 } }));
    const { exitCode, stdout, stderr } = await runInProcess([
      'run',
      '--problem',
      fixture('decay-rates.yaml'),
      '--quadrant',
      'bundle',
      '--config',
      config,
      '--save',
      model,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    run = JSON.parse(stdout) as BundleRunJson;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports its error over 11 values of k against odex', () => {
    expect(run.bundle.box).toEqual([{ name: 'k', kind: 'parameter', range: [0.5, 2] }]);
    expect(run.bundle.points.map((point) => point.theta[0])).toEqual(
      [0.5, 0.65, 0.8, 0.95, 1.1, 1.25, 1.4, 1.55, 1.7, 1.85, 2].map((k) => expect.closeTo(k, 12)),
    );
    expect(run.bundle.worst).toBeLessThanOrEqual(1e-3);
    expect(run.bundle.median).toBeLessThanOrEqual(run.bundle.worst);
  });

  it('predicts at any k of the box without training, as JSON or CSV', async () => {
    const json = await runInProcess(['predict', '--model', model, '--set', 'k=1.3', '--grid', '0:5:11', '--json']);
    expect(json.exitCode).toBe(0);
    const answer = JSON.parse(json.stdout) as { at: Record<string, number>; t: number[]; values: { y: number[] } };
    expect(answer.at).toEqual({ k: 1.3 });
    answer.values.y.forEach((y, i) => {
      expect(Math.abs(y - Math.exp(-1.3 * answer.t[i]!))).toBeLessThan(1e-4);
    });
    const csv = await runInProcess(['predict', '--model', model, '--grid', '0:5:3']);
    expect(csv.exitCode).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('t,y');
    // Without --set, k is the middle of its range, 1.25.
    expect(Number(rows[2]!.split(',')[1])).toBeCloseTo(Math.exp(-1.25 * 5), 4);
  });

  it('refuses k outside the box, an unknown name and a malformed --set with exit 2 and one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--set', 'k=2.5'], /^error: --set: k = 2\.5 is outside the bundle's range \[0\.5, 2\]/],
      [['--set', 'kk=1'], /^error: --set: 'kk' is not a range of the bundle \(did you mean 'k'\?\); ranges: k/],
      [['--set', 'k'], /^error: --set k: expected name=number/],
      [['--set', 'k=1', '--set', 'k=2'], /^error: --set k=2: k is set twice/],
      [['--grid', '0:9:3'], /^error: --grid \[0, 9\] leaves the domain \[0, 5\]/],
    ];
    for (const [flags, message] of cases) {
      const { exitCode, stderr } = await runInProcess(['predict', '--model', model, ...flags]);
      expect(exitCode).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    }
  });

  it('evaluates a model without ranges on any grid, past its domain too, and refuses --set for it', async () => {
    const plain = join(dir, 'plain');
    expect((await runInProcess(['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--save', plain])).exitCode).toBe(0);
    const json = await runInProcess(['predict', '--model', plain, '--grid', '0:4:5', '--json']);
    expect(json.exitCode).toBe(0);
    const answer = JSON.parse(json.stdout) as { at: Record<string, number>; t: number[]; values: { y: number[] } };
    expect(answer.at).toEqual({});
    expect(answer.t).toEqual([0, 1, 2, 3, 4]);
    answer.values.y.forEach((y, i) => {
      expect(Math.abs(y - Math.exp(-answer.t[i]!))).toBeLessThan(1e-6);
    });
    const past = await runInProcess(['predict', '--model', plain, '--grid', '0:9:4']);
    expect(past.exitCode).toBe(0);
    expect(past.stdout.trim().split('\n')).toHaveLength(5);
    const { exitCode, stderr } = await runInProcess(['predict', '--model', plain, '--set', 'k=1']);
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toMatch(/^error: --set k: .*plain was trained for one value of each parameter, without ranges; drop --set$/);
  });
});

describe('a problem with ranges in another quadrant', () => {
  it('is refused before training with exit 2, naming the setting and the bundle preset', async () => {
    const { exitCode, stderr } = await runInProcess(['run', '--problem', fixture('decay-rates.yaml'), '--quadrant', 'solver']);
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toBe(
      "error: settings: strategy: a bundle is one network over the whole domain (strategy single), not marching; problem 'decay-rates' has ranges, so it trains a bundle; start from the 'bundle' preset (--quadrant bundle)",
    );
  });
});
