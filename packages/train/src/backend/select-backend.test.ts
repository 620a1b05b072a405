import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuadrantError } from '@quadrant/spec';
import { describe, expect, it } from 'vitest';
import { registeredBackends, selectBackend } from './select-backend.ts';

const sourceDirectory = join(import.meta.dirname, '..');

function moduleFiles(): string[] {
  return readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !/\.(test|test-d|fixture|bench)\.ts$/.test(file))
    .map((file) => join(sourceDirectory, file));
}

describe('selectBackend', () => {
  it('is the only place that loads tfjs backends: no module imports tfjs, a backend or tfjs-node at its top level', () => {
    // tfjs-core (ops and types) registers no backend; the bundle and the backend packages do, on import.
    // Type-only imports are erased, so they load nothing.
    const staticBackendImport = /^\s*import\s(?!type\s)[^;]*?['"]@tensorflow\/(tfjs|tfjs-backend-[a-z]+|tfjs-node(-gpu)?)['"]/m;
    const offenders = moduleFiles().filter((file) => staticBackendImport.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('registers the built-in backends and takes the one it is given', async () => {
    const backend = process.env.QUADRANT_BACKEND ?? 'wasm';
    expect(await selectBackend(backend)).toBe(backend);
    expect(registeredBackends()).toEqual(expect.arrayContaining(['cpu', 'wasm']));
  });

  it('refuses a backend that is not registered with BACKEND_UNAVAILABLE, naming those that are', async () => {
    const error = await selectBackend('webgpu-that-is-not-there').catch((caught: unknown) => caught);
    expect(QuadrantError.isInstance(error) && error.code).toBe('BACKEND_UNAVAILABLE');
    expect(String((error as Error).message)).toMatch(/tfjs backend 'webgpu-that-is-not-there' is not available; available: .*wasm/);
  });
});
