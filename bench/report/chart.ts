// The latest side-by-side figures as one SVG (vega-lite compiled and rendered headless by vega: no browser, no
// canvas): fast-task throughput, chat overhead by load, and success under faults, each system in its colour.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ResultRow } from './rows.js';

const systemColour = { field: 'system', type: 'nominal', legend: { orient: 'bottom', columns: 3, labelLimit: 260 } } as const;

function spec(rows: ResultRow[], when: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Sparkle engine beside the alternatives', subtitle: `one run on this machine, ${when}` },
    data: { values: rows },
    vconcat: [
      {
        title: 'Fast background tasks: throughput (tasks/s, higher is better)',
        transform: [{ filter: "datum.scenario === 'fast tasks' && datum.metric === 'throughput'" }],
        mark: { type: 'bar', tooltip: true },
        width: 460,
        encoding: {
          y: { field: 'system', type: 'nominal', sort: '-x', title: null },
          x: { field: 'value', type: 'quantitative', title: 'tasks/s' },
          color: systemColour,
        },
      },
      {
        title: 'Chat turns: overhead to first token over the model alone, p95 (ms, lower is better)',
        transform: [
          { filter: "indexof(datum.scenario, 'chat, ') === 0 && datum.metric === 'overhead to first token p95'" },
          { calculate: "toNumber(replace(datum.scenario, /[^0-9]/g, ''))", as: 'conversations' },
        ],
        mark: { type: 'line', point: true, tooltip: true },
        width: 460,
        height: 200,
        encoding: {
          x: { field: 'conversations', type: 'ordinal', title: 'concurrent conversations', axis: { labelAngle: 0 } },
          // A log-like scale: the figures span three orders of magnitude, and an overhead can be 0 or a little below.
          y: {
            field: 'value',
            type: 'quantitative',
            title: 'ms (symmetric log scale)',
            scale: { type: 'symlog', constant: 10, domainMin: 0, clamp: true },
            axis: { values: [0, 10, 30, 100, 300, 1000, 3000, 10000] },
          },
          color: systemColour,
        },
      },
      {
        title: 'Success under faults (%, higher is better)',
        transform: [{ filter: "datum.metric === 'success'" }],
        mark: { type: 'bar', tooltip: true },
        width: 460,
        encoding: {
          y: { field: 'scenario', type: 'nominal', title: null },
          yOffset: { field: 'system' },
          x: { field: 'value', type: 'quantitative', title: '%', scale: { domain: [0, 100] } },
          color: systemColour,
        },
      },
    ],
    resolve: { scale: { color: 'shared' } },
  };
}

export async function renderChart(rows: ResultRow[], when: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec(rows, when)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
