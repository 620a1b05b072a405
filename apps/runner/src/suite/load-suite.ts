import { readdirSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean, formatZodError, QuadrantError } from '@quadrant/spec';
import { readStructuredFile } from '../config/read-structured-file.ts';
import { type Suite, suiteSchema } from './suite-schema.ts';

/** The folder of the suites shipped with the runner (`default`, `article`, `learned-dynamics`, `solver-seeds`, `verdict-check`); the same from src/ and dist/. */
const builtInSuiteFolder = fileURLToPath(new URL('../../suites/', import.meta.url));

/** A loaded suite and the folder its relative problem paths resolve from. */
export interface LoadedSuite {
  readonly suite: Suite;
  readonly baseDir: string;
  readonly origin: string;
}

/** Names of the suites shipped with the runner. */
export function builtInSuiteNames(): string[] {
  return readdirSync(builtInSuiteFolder)
    .filter((file) => extname(file) === '.yaml')
    .map((file) => basename(file, '.yaml'))
    .sort();
}

/**
 * Loads a suite by built-in name or file path (YAML or JSON), validated by `suiteSchema`.
 * @throws QuadrantError `NO_SUCH_ENTRY` for an unknown name, `CONFIG_INVALID` naming the file and field
 */
export function loadSuite(nameOrPath: string, cwd: string): LoadedSuite {
  const isPath = nameOrPath.includes('/') || ['.yaml', '.yml', '.json'].includes(extname(nameOrPath));
  let path: string;
  if (isPath) {
    path = resolve(cwd, nameOrPath);
  } else {
    const names = builtInSuiteNames();
    if (!names.includes(nameOrPath)) {
      throw new QuadrantError(
        'NO_SUCH_ENTRY',
        `no suite named '${nameOrPath}'${didYouMean(nameOrPath, names)}; built-in suites: ${names.join(', ')}, or give a suite file path`,
      );
    }
    path = resolve(builtInSuiteFolder, `${nameOrPath}.yaml`);
  }
  const raw = readStructuredFile(path, `suite file ${nameOrPath}`);
  const parsed = suiteSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QuadrantError('CONFIG_INVALID', formatZodError(path, parsed.error));
  }
  return { suite: parsed.data, baseDir: dirname(path), origin: path };
}
