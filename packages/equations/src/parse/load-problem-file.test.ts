import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProblemFile } from './load-problem-file.ts';

describe('loadProblemFile', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'quadrant-equations-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads a YAML file and names it as the origin', async () => {
    const path = join(directory, 'decay.yaml');
    await writeFile(path, "name: decay\ndescription: decay\nparameters: { k: 2 }\nequations: { y': -k*y }\ninitial: { y: 1 }\ndomain: [0, 5]\n");
    const problem = await loadProblemFile(path);
    expect(problem.origin).toBe(path);
    expect(problem.parameters['k']?.value).toBe(2);
  });

  it('names the file in the errors of its content', async () => {
    const path = join(directory, 'bad.json');
    await writeFile(
      path,
      JSON.stringify({ name: 'bad', description: 'd', equations: { "y'": '-kk*y' }, parameters: { k: 1 }, initial: { y: 1 }, domain: [0, 1] }),
    );
    await expect(loadProblemFile(path)).rejects.toThrow(`${path}: equations["y'"]: unknown symbol 'kk' (did you mean 'k'?)`);
  });

  it('refuses a missing file with INPUT_INVALID naming the path', async () => {
    const path = join(directory, 'missing.json');
    const error = await loadProblemFile(path).catch((caught: unknown) => caught);
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toBe(`${path}: file not found; give the path of a .json or .yaml problem file, or the name of a built-in problem`);
  });

  it('refuses a directory', async () => {
    const error = await loadProblemFile(directory).catch((caught: unknown) => caught);
    expect(QuadrantError.hasCode(error, 'INPUT_INVALID')).toBe(true);
    expect((error as Error).message).toBe(`${directory}: is a directory; give the path of a .json or .yaml problem file`);
  });
});
