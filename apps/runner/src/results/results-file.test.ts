import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classicalCell } from './cell-result.fixture.ts';
import { readResults, ResultsFile } from './results-file.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'quadrant-results-')), 'results.jsonl');

describe('ResultsFile', () => {
  it('appends one line per result and reads them back through the schema', () => {
    const file = new ResultsFile(tempFile());
    expect(file.open(false)).toEqual([]);
    file.append(classicalCell('a'));
    file.append(classicalCell('b'));
    expect(readResults(file.path).map((result) => result.id)).toEqual(['a', 'b']);
  });

  it('cuts off a line left half-written by a killed process, so the next append starts a line of its own', () => {
    const file = new ResultsFile(tempFile());
    file.open(true);
    file.append(classicalCell('a'));
    appendFileSync(file.path, JSON.stringify(classicalCell('b')).slice(0, 40));
    expect(file.open(false).map((result) => result.id)).toEqual(['a']);
    file.append(classicalCell('c'));
    expect(readResults(file.path).map((result) => result.id)).toEqual(['a', 'c']);
  });

  it('drops a whole record whose newline was never written, though it parses, on resume and when read', () => {
    const file = new ResultsFile(tempFile());
    file.open(true);
    file.append(classicalCell('a'));
    const finished = readFileSync(file.path);
    appendFileSync(file.path, JSON.stringify(classicalCell('b')));
    expect(readResults(file.path).map((result) => result.id)).toEqual(['a']);
    expect(file.open(false).map((result) => result.id)).toEqual(['a']);
    expect(readFileSync(file.path)).toEqual(finished);
  });

  it('cuts a torn line at the last newline by bytes, even when the cut splits a character', () => {
    const file = new ResultsFile(tempFile());
    file.open(true);
    file.append({ ...classicalCell('a'), problemDescription: 'y′ = −y' });
    const finished = readFileSync(file.path);
    const torn = Buffer.from(JSON.stringify({ ...classicalCell('b'), problemDescription: 'y′ = −y' }));
    appendFileSync(file.path, torn.subarray(0, torn.indexOf('′') + 1));
    expect(file.open(false).map((result) => result.id)).toEqual(['a']);
    expect(readFileSync(file.path)).toEqual(finished);
  });

  it('fresh empties the file', () => {
    const file = new ResultsFile(tempFile());
    file.open(true);
    file.append(classicalCell('a'));
    expect(file.open(true)).toEqual([]);
    expect(readFileSync(file.path, 'utf8')).toBe('');
  });

  it('names the file and line of a malformed record', () => {
    const path = tempFile();
    writeFileSync(path, `${JSON.stringify(classicalCell('a'))}\n{"format": 1}\n${JSON.stringify(classicalCell('b'))}\n`);
    expect(() => readResults(path)).toThrow(`${path}:2: id`);
  });

  it('keeps non-finite figures as null rather than failing to write them', () => {
    const file = new ResultsFile(tempFile());
    file.open(true);
    const diverged = classicalCell('a');
    file.append({ ...diverged, status: 'diverged', metrics: { ...diverged.metrics, inDomain: { mse: null, rmse: null, relativeL2: null, maxAbs: null } } });
    expect(readResults(file.path)[0]!.metrics.inDomain.relativeL2).toBeNull();
  });
});
