/// <reference lib="webworker" />
import { parseProblem } from '@quadrant/equations';
import runnerPackage from '@quadrant/runner/package.json' with { type: 'json' };
import { cellSpecSchema, prepareCell, runCell } from '@quadrant/runner/cells';
import { createRegistry, defaultRegistry, type ModelDocument, modelDocument } from '@quadrant/train';
import trainPackage from '@quadrant/train/package.json' with { type: 'json' };
import { version } from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import { chooseBackend } from './choose-backend.ts';
import type { FromWorker, ToWorker } from './worker-messages.ts';

// The .wasm files are emitted into dist/ beside the scripts: tfjs-wasm loads them from there, never from a CDN.
setWasmPaths({ 'tfjs-backend-wasm.wasm': plainWasm, 'tfjs-backend-wasm-simd.wasm': simdWasm, 'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm });

const post = (message: FromWorker) => self.postMessage(message);
let running: AbortController | undefined;

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'stop') {
    running?.abort();
    return;
  }
  running = new AbortController();
  train(message, running.signal).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});

async function train(request: Extract<ToWorker, { type: 'train' }>, signal: AbortSignal): Promise<void> {
  const registry = createRegistry({ extends: defaultRegistry });
  const problem = parseProblem(request.problem, 'problem');
  const spec = cellSpecSchema.parse({
    suite: 'playground',
    problem: problem.name,
    method: request.quadrant,
    preset: request.quadrant,
    settings: request.settings,
    seed: request.seed,
  });
  const cell = prepareCell(spec, problem, registry);
  const { backend, measured } = await chooseBackend(request.backend);
  post({ type: 'backend', backend, measured });
  const history = { epoch: [] as number[], total: [] as number[], terms: {} as Record<string, number[]> };
  let sent = performance.now();
  let model: ModelDocument | undefined;
  const result = await runCell(cell, registry, {
    signal,
    versions: { ...version, '@quadrant/runner': runnerPackage.version, '@quadrant/train': trainPackage.version, browser: navigator.userAgent },
    onEpoch: (info) => {
      // The live chart keeps a point every 10 epochs and hears of them at most 5 times a second.
      if (info.epoch % 10 === 0) {
        history.epoch.push(info.epoch);
        history.total.push(info.total);
        for (const [term, value] of Object.entries(info.terms)) {
          history.terms[term] ??= [];
          history.terms[term].push(value);
        }
      }
      if (performance.now() - sent > 200) {
        sent = performance.now();
        post({ type: 'history', ...history });
      }
      return undefined;
    },
    onTrained: (trained) => {
      model = modelDocument(trained.model, trained);
    },
  });
  post({ type: 'result', result, model });
}
