#!/usr/bin/env node
// Sums the vitest JSON reports that every workspace package's `test` task writes to
// <package>/.vitest/results.json and prints one line "N passed, N failed[, N skipped]".
// A package that has test files but no report (its run crashed or never started) counts as
// one failure, so a broken run can never look green. Every failed test is named above that line,
// with the first line of its failure, so the end of a CI log says what failed. Exits 1 when
// anything failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const hasTests = (dir) => {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).some((entry) =>
      entry.isDirectory() ? entry.name !== 'node_modules' && entry.name !== 'dist' && walk(join(d, entry.name)) : entry.name.endsWith('.test.ts'),
    );
  return ['src', 'test'].some((sub) => existsSync(join(dir, sub)) && walk(join(dir, sub)));
};

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const group of ['packages', 'apps', 'examples']) {
  if (!existsSync(join(root, group))) continue;
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name);
    if (!existsSync(join(dir, 'package.json')) || !hasTests(dir)) continue;
    const report = join(dir, '.vitest', 'results.json');
    if (!existsSync(report)) {
      failed += 1;
      problems.push(`${group}/${name}: no test report (the test run did not complete)`);
      continue;
    }
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    skipped += json.numPendingTests + json.numTodoTests;
    // A file that fails to load has no test results but counts as a failed suite.
    const brokenFiles = json.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
    failed += brokenFiles.length;
    for (const file of brokenFiles) problems.push(`${relative(root, file.name)}: ${file.message || 'failed to run'}`);
    for (const file of json.testResults) {
      for (const test of file.assertionResults.filter((result) => result.status === 'failed')) {
        const firstLine = (test.failureMessages[0] ?? '').split('\n', 1)[0];
        problems.push(`failed: ${relative(root, file.name)} > ${test.fullName}: ${firstLine}`);
      }
    }
  }
}
for (const problem of problems) console.log(problem);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
