import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './run-in-process.ts';

interface SeedJson {
  seed: number;
  status: string;
  metrics: { inDomain: { relativeL2: number } };
  verdict: { status: string; estimatedError: number };
  prediction: undefined;
}

const decay = ['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--json'];

describe('quadrant run --seeds', () => {
  it('trains the seeds one after another in one process, each as it trains alone, and names the best by the verdict; --save keeps that one', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'quadrant-seeds-')), 'model');
    const several = await runInProcess([...decay, '--seed', '2', '--seeds', '3', '--save', dir]);
    expect(several.exitCode).toBe(0);
    const { best, seeds } = JSON.parse(several.stdout) as { best: number; seeds: SeedJson[] };
    expect(seeds.map((seed) => seed.seed)).toEqual([2, 3, 4]);
    // The best is the solved seed with the smallest estimated error; the reference played no part.
    const byEstimate = [...seeds].sort((a, b) => a.verdict.estimatedError - b.verdict.estimatedError);
    expect(seeds.every((seed) => seed.verdict.status === 'solved')).toBe(true);
    expect(best).toBe(byEstimate[0]!.seed);
    const saved = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { settings: { seed: number } };
    expect(saved.settings.seed).toBe(best);
    // Sharing a process changes nothing of a seed's result.
    for (const seed of [seeds[0]!, seeds[2]!]) {
      const alone = await runInProcess([...decay, '--seed', String(seed.seed)]);
      const result = JSON.parse(alone.stdout) as SeedJson;
      expect(result.metrics.inDomain.relativeL2).toBe(seed.metrics.inDomain.relativeL2);
      expect(result.verdict.estimatedError).toBe(seed.verdict.estimatedError);
    }
  });

  it('prints a line per seed, their mean ± std and the best seed in full', async () => {
    const { exitCode, stdout } = await runInProcess(['run', '--problem', 'exponential-decay', '--quadrant', 'solver', '--seeds', '2']);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^seed 0: ok, .* s training, relative L2 \S+ in domain, solved \(estimated \S+\)$/m);
    expect(stdout).toMatch(/^seed 1: ok, /m);
    expect(stdout).toMatch(/^exponential-decay\s+solver\s+\S+ ± \S+\s+\S+ ± \S+\s+\S+ ± \S+\s+2\s+2\/2$/m);
    expect(stdout).toMatch(/^best of 2 seeds by the verdict \(chosen without the reference\): seed [01]$/m);
    expect(stdout).toMatch(/^verdict: solved/m);
  });

  it('refuses --seeds with --resume in one line, exit 2', async () => {
    const { exitCode, stderr } = await runInProcess([...decay, '--seeds', '2', '--resume', 'nowhere']);
    expect(exitCode).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('--seeds');
  });
});
