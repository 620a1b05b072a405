import { problemLibrary, problemToFile } from '@quadrant/equations';
import { type CellResult, cellFigures, describeVerdict, type LossHistory, lossFigure, type ReportFigure } from '@quadrant/runner/cells';
import { defaultRegistry, resolveSettings } from '@quadrant/train';
import embed from 'vega-embed';
import { stringify } from 'yaml';
import { readEditorProblem } from './problem-text.ts';
import { readSharedState, sharedHash } from './share-url.ts';
import { backendChoices, type FromWorker, type Quadrant, quadrants, type ToWorker } from './worker-messages.ts';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const editor = element<HTMLTextAreaElement>('editor');
const gutter = element<HTMLPreElement>('gutter');
const problemError = element<HTMLParagraphElement>('problem-error');
const picker = element<HTMLSelectElement>('picker');
const quadrantSelect = element<HTMLSelectElement>('quadrant');
const architectureSelect = element<HTMLSelectElement>('architecture');
const backendSelect = element<HTMLSelectElement>('backend');
const epochsInput = element<HTMLInputElement>('epochs');
const seedInput = element<HTMLInputElement>('seed');
const trainButton = element<HTMLButtonElement>('train');
const stopButton = element<HTMLButtonElement>('stop');
const share = element<HTMLAnchorElement>('share');
const status = element<HTMLParagraphElement>('status');
const charts = element<HTMLDivElement>('charts');

const options = (select: HTMLSelectElement, values: readonly string[]) => {
  select.replaceChildren(...values.map((value) => new Option(value, value)));
};
options(picker, [...problemLibrary.map((problem) => problem.name), 'custom']);
options(quadrantSelect, quadrants);
options(
  architectureSelect,
  defaultRegistry.list('architecture').map((entry) => entry.name),
);
options(backendSelect, backendChoices);

/** The architecture a quadrant's preset trains, so the select shows it until the user picks another. */
const presetArchitecture = (quadrant: Quadrant) => resolveSettings(quadrant, {}, defaultRegistry).architecture.name;

function showProblem(raw: unknown): void {
  editor.value = JSON.stringify(raw, undefined, 2);
  checkEditor();
}

/** Validates the editor's text on every change: the one-line error under the editor, its line marked in the gutter. */
function checkEditor() {
  const read = readEditorProblem(editor.value);
  const lineCount = editor.value.split('\n').length;
  const errorLine = read.ok ? undefined : read.line;
  gutter.replaceChildren(
    ...Array.from({ length: lineCount }, (_, i) => {
      const line = document.createElement('span');
      line.textContent = `${i + 1}\n`;
      if (i + 1 === errorLine) line.className = 'error';
      return line;
    }),
  );
  problemError.hidden = read.ok;
  problemError.textContent = read.ok ? '' : `${errorLine === undefined ? '' : `line ${errorLine}: `}${read.message}`;
  trainButton.disabled = !read.ok || worker !== undefined;
  if (read.ok) share.href = sharedHash(read.raw, quadrantSelect.value as Quadrant);
  return read;
}

function setStatus(text: string, failed = false): void {
  status.textContent = text;
  status.classList.toggle('failed', failed);
}

async function draw(figures: readonly ReportFigure[]): Promise<void> {
  const containers = figures.map((figure) => {
    const container = document.createElement('figure');
    container.dataset.chart = figure.name;
    container.setAttribute('aria-label', figure.title);
    return container;
  });
  charts.replaceChildren(...containers);
  await Promise.all(figures.map((figure, i) => embed(containers[i]!, figure.spec, { actions: false, renderer: 'svg' })));
  document.body.dataset.charts = String(figures.length);
}

const download = (id: string, value: unknown) => {
  const link = element<HTMLAnchorElement>(id);
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([`${JSON.stringify(value)}\n`], { type: 'application/json' }));
};

/** What the backend probe measured, for the result panel: `tfjs on wasm (probe: wasm 12 ms, webgl 85 ms)`. */
let tensorBackend = '';

function showResult(result: CellResult): void {
  const figure = (value: number | null) => (value === null ? 'not finite' : value.toExponential(1));
  element('verdict').textContent =
    result.status === 'ok' ? (result.verdict === undefined ? 'ok' : describeVerdict(result.verdict)) : `${result.status}: ${result.reason ?? ''}`;
  element('rel-l2').textContent = figure(result.metrics.inDomain.relativeL2);
  element('rel-l2-past').textContent = figure(result.metrics.extrapolation.relativeL2);
  element('epochs-run').textContent = String(result.epochs);
  element('seconds').textContent = result.seconds.training.toFixed(2);
  // float64 is the Levenberg–Marquardt path, which needs no tensors; the tfjs backend is said beside it.
  element('backend-ran').textContent = `${result.backend} (${tensorBackend})`;
  download('download-results', result);
  element('result').hidden = false;
}

let worker: Worker | undefined;
let stopping: ReturnType<typeof setTimeout> | undefined;
let stopRequested = false;

function finish(): void {
  worker?.terminate();
  worker = undefined;
  clearTimeout(stopping);
  stopButton.disabled = true;
  checkEditor();
}

function startTraining(): void {
  const read = checkEditor();
  if (!read.ok || worker !== undefined) return;
  const quadrant = quadrantSelect.value as Quadrant;
  const architecture = architectureSelect.value;
  const epochs = Number.parseInt(epochsInput.value, 10);
  const settings: Record<string, unknown> = {
    ...(architecture === presetArchitecture(quadrant) ? {} : { architecture: { name: architecture, options: {} } }),
    ...(Number.isFinite(epochs) && epochs > 0 ? { epochs } : {}),
  };
  const seed = Math.max(0, Number.parseInt(seedInput.value, 10) || 0);
  const live: LossHistory = { problem: read.problem.name, method: quadrant, architecture, seed, history: { epoch: [], total: [], terms: {} } };
  element('result').hidden = true;
  tensorBackend = '';
  stopRequested = false;
  delete document.body.dataset.charts;
  charts.replaceChildren();
  setStatus('Starting the backend…');
  worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
  trainButton.disabled = true;
  stopButton.disabled = false;
  let backend = '';
  let drawing = false;
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.type === 'backend') {
      backend = message.backend;
      const measured = Object.entries(message.measured).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`);
      tensorBackend = `tfjs on ${backend}${measured.length > 0 ? `, probe: ${measured.join(', ')}` : ''}`;
      setStatus(`Training (${tensorBackend})…`);
    } else if (message.type === 'history') {
      const last = message.epoch.at(-1) ?? 0;
      setStatus(`Training (tfjs on ${backend}): epoch ${last}, loss ${(message.total.at(-1) ?? Number.NaN).toExponential(2)}`);
      if (!drawing) {
        drawing = true;
        void draw([lossFigure({ ...live, history: message }, 'live')]).finally(() => {
          drawing = false;
        });
      }
    } else if (message.type === 'result') {
      finish();
      const { result } = message;
      if (message.model !== undefined) download('download-model', message.model);
      showResult(result);
      const ending = stopRequested
        ? `Stopped after ${result.epochs} epochs`
        : result.status === 'ok'
          ? 'Done'
          : `Run ${result.status}${result.reason === undefined ? '' : `: ${result.reason}`}`;
      setStatus(`${ending} on ${result.backend}.`, result.status !== 'ok');
      void draw(cellFigures(result, 'run'));
    } else {
      finish();
      setStatus(message.message, true);
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    finish();
    setStatus(`The training worker failed: ${event.message}`, true);
  });
  const request: ToWorker = {
    type: 'train',
    problem: read.raw,
    quadrant,
    settings,
    seed,
    backend: backendSelect.value as ToWorker extends { backend: infer B } ? B : never,
  };
  worker.postMessage(request);
}

trainButton.addEventListener('click', startTraining);
stopButton.addEventListener('click', () => {
  worker?.postMessage({ type: 'stop' } satisfies ToWorker);
  stopRequested = true;
  stopButton.disabled = true;
  setStatus('Stopping after this epoch…');
  // Training stops at its next pause (every 100 ms); a worker that does not answer is ended.
  stopping = setTimeout(() => {
    finish();
    setStatus('Stopped.');
  }, 3000);
});
editor.addEventListener('input', () => {
  picker.value = 'custom';
  checkEditor();
});
editor.addEventListener('scroll', () => {
  gutter.scrollTop = editor.scrollTop;
});
picker.addEventListener('change', () => {
  const problem = problemLibrary.find((entry) => entry.name === picker.value);
  if (problem !== undefined) showProblem(problemToFile(problem));
});
quadrantSelect.addEventListener('change', () => {
  architectureSelect.value = presetArchitecture(quadrantSelect.value as Quadrant);
  checkEditor();
});

/** Opens the state a shareable URL carries, or the first built-in problem. */
function openShared(): void {
  const shared = readSharedState(location.hash);
  quadrantSelect.value = shared.quadrant ?? 'solver';
  architectureSelect.value = presetArchitecture(quadrantSelect.value as Quadrant);
  if (shared.problem === undefined) {
    picker.value = problemLibrary[0]!.name;
    showProblem(problemToFile(problemLibrary[0]!));
  } else {
    picker.value = 'custom';
    // The shared text goes into the editor as it came (pretty-printed when it is JSON), so its error, if any, shows there.
    let text = shared.problem;
    try {
      text = JSON.stringify(JSON.parse(shared.problem), undefined, 2);
    } catch {
      // Not JSON: the editor shows it and says why it is not a problem.
    }
    editor.value = text;
    checkEditor();
  }
  if (shared.run) startTraining();
}

openShared();
// YAML for readers who prefer it: the same problem, re-written.
share.insertAdjacentElement(
  'afterend',
  Object.assign(document.createElement('button'), {
    textContent: 'As YAML',
    onclick: () => {
      const read = checkEditor();
      if (read.ok) editor.value = stringify(read.raw);
      checkEditor();
    },
  }),
);
