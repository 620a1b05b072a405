// Where a report's figure time goes, per figure, in one thread: vega-lite's compile, vega's parse, the View, its SVG, and
// resvg's PNG at twice the size (parsing the SVG with its fonts, rendering, encoding), over every figure `quadrant report`
// draws from a results file. The first round warms the JIT and is not counted. After `pnpm build`:
//   node apps/runner/bench/report-figures.mjs <results.jsonl> [rounds]
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { cellFigures } from '../dist/report/cell-figures.js';
import { problemFigures } from '../dist/report/problem-figures.js';
import { pngFontOptions } from '../dist/report/render-figure.js';
import { readResults } from '../dist/results/results-file.js';

const [file, rounds = '2'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: node apps/runner/bench/report-figures.mjs <results.jsonl> [rounds]');
const cells = readResults(file);
const specs = [...new Set(cells.map((cell) => cell.problem))].flatMap((problem) => {
  const ofProblem = cells.filter((cell) => cell.problem === problem);
  return [...problemFigures(ofProblem), ...ofProblem.flatMap((cell) => cellFigures(cell, 'cell'))].map((figure) => figure.spec);
});
const font = pngFontOptions();
const stages = ['vega-lite compile', 'vega parse', 'View', 'toSVG', 'resvg parse + fonts', 'resvg render', 'PNG encode'];
const totals = new Map(stages.map((stage) => [stage, 0]));
for (let round = 0; round <= Number(rounds); round++) {
  for (const spec of specs) {
    const times = [performance.now()];
    const vegaSpec = compile(spec).spec;
    times.push(performance.now());
    const runtime = parse(vegaSpec);
    times.push(performance.now());
    const view = new View(runtime, { renderer: 'none' });
    times.push(performance.now());
    const svg = await view.toSVG();
    times.push(performance.now());
    view.finalize();
    const resvg = new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 2 }, background: 'white' });
    times.push(performance.now());
    const image = resvg.render();
    times.push(performance.now());
    image.asPng();
    times.push(performance.now());
    if (round > 0) for (const [k, stage] of stages.entries()) totals.set(stage, totals.get(stage) + times[k + 1] - times[k]);
  }
}
const perFigure = (ms) => (ms / (specs.length * Number(rounds))).toFixed(1);
console.log(`${specs.length} figures, ${rounds} rounds; ms per figure:`);
for (const [stage, ms] of totals) console.log(`  ${stage.padEnd(20)} ${perFigure(ms)}`);
const svgMs = [...totals.values()].slice(0, 4).reduce((a, b) => a + b, 0);
const pngMs = [...totals.values()].slice(4).reduce((a, b) => a + b, 0);
console.log(`  SVG ${perFigure(svgMs)}, PNG ${perFigure(pngMs)} (${(pngMs / svgMs).toFixed(2)}× the SVG)`);
