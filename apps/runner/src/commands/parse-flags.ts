import { QuadrantError } from '@quadrant/spec';
import { evenlySpaced } from '../cells/evenly-spaced.ts';

/** Points a `--grid` may have: 10^7 values of every state component are 80 MB each, and the CSV printed from them ~200 MB. */
export const gridPointsLimit = 10_000_000;

/**
 * A `--grid a:b:n` flag: n evenly spaced points from a to b inclusive.
 * @throws QuadrantError `INPUT_INVALID` naming the flag, before allocating, for a malformed
 *   grid or more than {@link gridPointsLimit} points
 */
export function parseGrid(text: string): Float64Array {
  const parts = text.split(':');
  const [start, end, count] = parts.map(Number);
  if (parts.length !== 3 || !Number.isFinite(start) || !Number.isFinite(end) || !Number.isInteger(count) || count! < 2 || !(end! > start!)) {
    throw new QuadrantError('INPUT_INVALID', `--grid ${text}: expected start:end:points with start < end and at least 2 points, e.g. --grid 0:5:101`);
  }
  if (count! > gridPointsLimit) throw new QuadrantError('INPUT_INVALID', `--grid ${text}: ${count} points exceeds the limit of ${gridPointsLimit} grid points`);
  return evenlySpaced(start!, end!, count!);
}

/** A positive or non-negative integer flag. */
export function parseInteger(flag: string, minimum: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) throw new QuadrantError('INPUT_INVALID', `${flag} ${text}: expected an integer ≥ ${minimum}`);
    return value;
  };
}

/** A positive number flag. */
export function parsePositive(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0)) throw new QuadrantError('INPUT_INVALID', `${flag} ${text}: expected a positive number`);
    return value;
  };
}

/** A comma-separated list of positive integers (`--widths 32,32`). */
export function parseWidths(text: string): number[] {
  const widths = text.split(',').map((part) => Number(part.trim()));
  if (widths.length === 0 || widths.some((width) => !Number.isInteger(width) || width < 1)) {
    throw new QuadrantError('INPUT_INVALID', `--widths ${text}: expected hidden-layer widths as positive integers separated by commas, e.g. --widths 32,32`);
  }
  return widths;
}

/**
 * A repeatable `--set name=value` flag, collected into values by name.
 * @throws QuadrantError `INPUT_INVALID` naming the flag for a malformed pair, a value that is not
 *   a finite number, or a name given twice
 */
export function collectSetting(text: string, previous: Readonly<Record<string, number>> = {}): Record<string, number> {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*'*)\s*=\s*(\S+)\s*$/.exec(text);
  const value = Number(match?.[2]);
  if (match === null || !Number.isFinite(value)) {
    throw new QuadrantError('INPUT_INVALID', `--set ${text}: expected name=number, e.g. --set k=1.3`);
  }
  const name = match[1]!;
  if (Object.hasOwn(previous, name)) throw new QuadrantError('INPUT_INVALID', `--set ${text}: ${name} is set twice`);
  return { ...previous, [name]: value };
}

/** Collects a repeatable flag into an array. */
export function collect(value: string, previous: readonly string[] = []): string[] {
  return [...previous, value];
}
