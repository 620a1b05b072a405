// Milliseconds per epoch of the `neural-ode` preset on Lotka–Volterra (20 samples on [0, 6], Adam only), its gradient
// from the float64 flow with the hand-written reverse pass (tanh has float64 derivatives) against the tfjs tape through
// every RK4 stage (the same tanh without them, a plug-in activation `tanh-tape`). After `pnpm build`:
//   node apps/runner/bench/neural-ode-flow.mjs [epochs]
import { lotkaVolterra } from '@quadrant/equations';
import { activations } from '@quadrant/networks';
import { solveProblem } from '@quadrant/solvers';
import { definePlugin } from '@quadrant/spec';
import { createRegistry, resolveSettings, selectBackend, train, defaultRegistry } from '@quadrant/train';

const epochs = Number(process.argv[2] ?? 50);
await selectBackend();
const { specVersion, maxOrder, derivatives } = activations.tanh;
const tape = { specVersion, name: 'tanh-tape', description: 'tanh without float64 derivatives', maxOrder, derivatives };
const registry = createRegistry({ extends: defaultRegistry, plugins: [definePlugin({ name: 'bench', activations: [tape] })] });
const t = Float64Array.from({ length: 20 }, (_, i) => (6 * i) / 19);
const data = { t, values: solveProblem(lotkaVolterra, { grid: t }).unknowns };
for (const activation of ['tanh', 'tanh-tape']) {
  const settings = resolveSettings(
    'neural-ode',
    { epochs, optimisers: [{ name: 'adam', options: { learningRate: 1e-2 } }], stop: {}, architecture: { name: 'neural-ode', options: { activation } } },
    registry,
  );
  const result = await train(lotkaVolterra, settings, { registry, data });
  console.log(`${activation}: ${((1000 * result.seconds) / result.epochs).toFixed(1)} ms per epoch over ${result.epochs} epochs`);
  result.model.dispose();
}
