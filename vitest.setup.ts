// Every test file runs on one tfjs backend, wasm unless QUADRANT_BACKEND names another,
// so the whole suite is checked on the backend a user without libtensorflow gets.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

const backend = process.env.QUADRANT_BACKEND ?? 'wasm';
if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' did not start`);
await tf.ready();
