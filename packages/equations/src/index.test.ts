import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as equations from './index.ts';
import * as tensor from './tensor/index.ts';

/** Every module the file imports, followed through relative imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
    graph.set(file, specifiers);
    for (const specifier of specifiers) if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
  };
  visit(entry);
  return graph;
}

describe('@quadrant/equations entry points', () => {
  it('export the names of the contract', () => {
    for (const name of [
      'problemFileSchema',
      'defineProblem',
      'parseProblem',
      'readProblemText',
      'loadProblemFile',
      'problemLibrary',
      'compileProblem',
      'compileExpression',
    ]) {
      expect(equations).toHaveProperty(name);
    }
    expect(Object.keys(tensor).sort()).toEqual(['compileTensorExpression', 'compileTensorRhs']);
  });

  it('keep TensorFlow.js out of the main entry, so solver-only users never load it', () => {
    const graph = importGraph(join(import.meta.dirname, 'index.ts'));
    const importers = [...graph].filter(([, specifiers]) => specifiers.some((specifier) => specifier.startsWith('@tensorflow/')));
    expect(importers.map(([file]) => file)).toEqual([]);
    expect(graph.size).toBeGreaterThan(20);
    const tensorGraph = importGraph(join(import.meta.dirname, 'tensor', 'index.ts'));
    expect([...tensorGraph.values()].flat()).toContain('@tensorflow/tfjs-core');
  });
});
