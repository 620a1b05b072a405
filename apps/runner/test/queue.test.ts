import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CellResult, cellResultSchema } from '../src/results/cell-result.ts';
import { freePort, startRedis, type TestRedis } from './redis-server.ts';
import { runQuadrant, type StartedQuadrant, startQuadrant, untilLines } from './run-quadrant.ts';

const suite = fileURLToPath(new URL('./suites/queue.yaml', import.meta.url));
const crashingSuite = fileURLToPath(new URL('./suites/crashing.yaml', import.meta.url));
const threadEnding = fileURLToPath(new URL('./plugins/thread-ending.mjs', import.meta.url));
// 3 problems × (solver × 2 seeds + odex).
const cellCount = 9;

const readLines = (path: string): CellResult[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(0, -1)
    .map((line) => cellResultSchema.parse(JSON.parse(line)));

/** A result without what differs between two runs of the same cell: when and how long it ran. */
const withoutTimings = ({ seconds: _seconds, startedAt: _startedAt, ...rest }: CellResult) => rest;

/** Resolves with the first line of `run`'s stdout that matches, as soon as it is printed. */
function untilStdout(run: StartedQuadrant, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = '';
    run.child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match !== null) resolve(match);
    });
    void run.done.then((ended) => reject(new Error(`quadrant ended (exit ${ended.exitCode}) before printing ${pattern}: ${ended.stderr}`)));
  });
}

describe('quadrant bench --queue with quadrant worker', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('runs every cell exactly once, with the numbers of a local run, when a worker is killed in the middle of a cell', async () => {
    const localOut = mkdtempSync(join(tmpdir(), 'quadrant-local-'));
    const local = runQuadrant(['bench', '--suite', suite, '--out', localOut, '--workers', '1']);

    const out = mkdtempSync(join(tmpdir(), 'quadrant-queue-'));
    const queue = ['--queue', redis.url, '--queue-name', 'kill'];
    const enqueue = await runQuadrant(['bench', '--suite', suite, ...queue, '--out', out, '--no-wait']);
    expect(enqueue.exitCode).toBe(0);
    expect(enqueue.stdout).toContain(`queue 'kill' on ${redis.url}: ${cellCount} cells added, 0 already there`);
    const again = await runQuadrant(['bench', '--suite', suite, ...queue, '--out', out, '--no-wait']);
    expect(again.stdout).toContain(`${0} cells added, ${cellCount} already there`);

    const bench = startQuadrant(['bench', '--suite', suite, ...queue, '--out', out, '--workers', '1']);
    const worker = ['worker', ...queue, '--concurrency', '1', '--lock-seconds', '1'];
    const doomed = startQuadrant(worker);
    const survivor = startQuadrant(worker);
    // Killed once it has taken a cell: the cell must go to the other worker once its lock expires.
    const [, killedCell] = await untilStdout(doomed, /^started .+ \(([0-9a-f]{16})\)$/m);
    doomed.child.kill('SIGKILL');
    const finished = await bench.done;
    survivor.child.kill('SIGTERM');
    const [served, localRun] = await Promise.all([survivor.done, local]);

    expect(finished.exitCode).toBe(0);
    expect(finished.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(served.stdout).toContain(`(${killedCell})`);
    expect(served.exitCode).toBe(143);
    const results = readLines(join(out, 'results.jsonl'));
    expect(results.map((result) => result.id).sort()).toEqual([...new Set(results.map((result) => result.id))].sort());
    expect(results).toHaveLength(cellCount);

    expect(localRun.exitCode).toBe(0);
    const localResults = new Map(readLines(join(localOut, 'results.jsonl')).map((result) => [result.id, result]));
    for (const result of results) expect(withoutTimings(result)).toEqual(withoutTimings(localResults.get(result.id)!));

    // The report reads the same results back from Redis.
    const reportOut = mkdtempSync(join(tmpdir(), 'quadrant-queue-report-'));
    const report = await runQuadrant(['report', ...queue, '--suite', suite, '--out', reportOut, '--threads', '1']);
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toContain('queue (queue kill)');
    expect(report.stderr).not.toContain('no result');
    expect(existsSync(join(reportOut, 'index.html'))).toBe(true);
  });

  it('tries a cell that crashes its thread 3 times, then records it as failed with the cause, and the other cells go on', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quadrant-queue-crash-'));
    const queue = ['--queue', redis.url, '--queue-name', 'crash', '--plugin', threadEnding];
    const bench = startQuadrant(['bench', '--suite', crashingSuite, ...queue, '--out', out, '--workers', '1']);
    const worker = startQuadrant(['worker', ...queue, '--concurrency', '1']);
    const finished = await bench.done;
    worker.child.kill('SIGTERM');
    const served = await worker.done;

    // A failed cell makes the command fail, as in a local run, and names it.
    expect(finished.exitCode).toBe(1);
    expect(finished.stderr).toMatch(/^failed: exponential-decay × solver seed 0: .+/m);
    const byMethod = Object.fromEntries(readLines(join(out, 'results.jsonl')).map((result) => [result.method, result]));
    expect(Object.keys(byMethod).sort()).toEqual(['odex', 'solver']);
    expect(byMethod.odex!.status).toBe('ok');
    expect(byMethod.solver!).toMatchObject({ status: 'failed', architecture: 'thread-ending' });
    expect(byMethod.solver!.reason).toMatch(/\(after 3 of 3 attempts\)$/);
    expect(byMethod.solver!.reason).toMatch(/exit code:? 3/i);
    // Each attempt is reported by the worker, and none past the third.
    for (const attempt of [1, 2, 3]) expect(served.stderr).toContain(`attempt ${attempt} of 3`);
    expect(served.stderr).not.toContain('attempt 4');
  });

  it('ends with one line naming the URL without its password and the cause when Redis is stopped mid-run, keeping every result written', async () => {
    const doomedRedis = await startRedis();
    const url = `redis://:hunter22@127.0.0.1:${doomedRedis.port}`;
    const out = mkdtempSync(join(tmpdir(), 'quadrant-queue-lost-'));
    const results = join(out, 'results.jsonl');
    const bench = startQuadrant(['bench', '--suite', suite, '--queue', url, '--out', out, '--workers', '1']);
    const worker = startQuadrant(['worker', '--queue', url, '--concurrency', '1']);
    await untilLines(results, 1, bench);
    const written = readFileSync(results, 'utf8');
    await doomedRedis.stop();
    const stoppedAt = Date.now();
    const [lost, workerLost] = await Promise.all([bench.done, worker.done]);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);

    for (const run of [lost, workerLost]) {
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`error: redis://:***@127.0.0.1:${doomedRedis.port}: lost the connection to Redis`);
      expect(run.stderr).toContain('ECONNREFUSED');
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(`${run.stdout}${run.stderr}`).not.toContain('hunter22');
    }
    expect(
      lost.stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('error:')),
    ).toHaveLength(1);
    // Every result written before Redis went away is still there, and nothing was cut short.
    const after = readFileSync(results, 'utf8');
    expect(after.startsWith(written)).toBe(true);
    expect(after.endsWith('\n')).toBe(true);
    expect(readFileSync(results, 'utf8')).not.toContain('hunter22');
  });
});

describe('a queue that cannot be used', () => {
  it.each([
    ['http://127.0.0.1:6379', "scheme 'http' is not supported"],
    ['redis://:hunter22@127.0.0.1:99999', "port '99999' is not a number from 1 to 65535"],
  ])('--queue %s is refused with exit 2 before anything runs', async (url, cause) => {
    const { exitCode, stderr } = await runQuadrant(['worker', '--queue', url]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(cause);
    expect(stderr).not.toContain('hunter22');
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['bench', 'worker'])('%s against a closed port says so within seconds, with exit 1 and no password', async (command) => {
    const port = await freePort();
    const url = `redis://user:hunter22@127.0.0.1:${port}`;
    const out = mkdtempSync(join(tmpdir(), 'quadrant-queue-closed-'));
    const args = command === 'bench' ? ['bench', '--suite', suite, '--queue', url, '--out', out] : ['worker', '--queue', url];
    const started = Date.now();
    const { exitCode, stdout, stderr } = await runQuadrant(args);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`error: redis://user:***@127.0.0.1:${port}: cannot connect to Redis: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(`${stdout}${stderr}`).not.toContain('hunter22');
  });
});
