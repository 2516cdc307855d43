/**
 * Notebooks: the format's parser and its Markdown (no raw HTML, nothing off the page), the
 * binding of `{{params}}` (values bound, never spliced), the static report, and every shipped
 * notebook run on the default dataset with the app's engine (DuckDB-WASM) locked down as the SQL
 * console is — the very check `npm run notebooks` makes. A hostile notebook is contained.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET_DIR } from '../../scripts/ensure-dataset';
import {
  checkNotebooks,
  openNotebookEngine,
  shippedNotebookFiles,
} from '../../scripts/lib/notebookNode';
import {
  coerce,
  missingNeeds,
  paramValues,
  parseNotebook,
  renderMarkdown,
  type NotebookParam,
} from '../../src/features/notebooks/format';
import {
  chartColumns,
  chartSvg,
  notebookHtml,
  sankeyRows,
} from '../../src/features/notebooks/report';
import { runNotebook, type CellRunner } from '../../src/features/notebooks/run';
import { EVENTS_CATALOGUE } from '../../src/model/catalogue';
import { bindPlaceholders, inlineParams } from '../../src/sql/statements';
import { filteredTablesCtes } from '../../src/sql/filteredTables';
import { sql } from '../../src/sql/fragment';
import { firearmSource, fromWhere } from '../../src/sql/source';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import type { FilterState } from '../../src/sql/where';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { openTestDb } from '../helpers/wasmDb';

const NOTEBOOK = `---
title: A test notebook
needs:
  grains: [seizure, trace]
  fields: [country]
params:
  - name: country
    kind: country
    default: MEX
  - name: since
    kind: date
    default: '2020-01-01'
---

# Heading

Some *prose* with a [local link](#/overview) and an [outside link](https://example.org/x).

\`\`\`sql per_year
SELECT year(seizure_date) AS year, count(*) AS seizures
FROM seizures WHERE country_iso3 = {{country}} AND seizure_date >= {{since}}
GROUP BY ALL ORDER BY year
\`\`\`

\`\`\`chart line per_year x=year y=seizures title="Seizures per year"
\`\`\`

- a list
  \`\`\`sql not_a_cell
  SELECT 1
  \`\`\`
`;

describe('notebook format', () => {
  it('reads front matter, named SQL cells, chart cells and prose in order', () => {
    const nb = parseNotebook(NOTEBOOK);
    expect(nb.problems).toEqual([]);
    expect(nb.meta.title).toBe('A test notebook');
    expect(nb.meta.params.map((p) => [p.name, p.kind, p.default])).toEqual([
      ['country', 'country', 'MEX'],
      ['since', 'date', '2020-01-01'],
    ]);
    expect(nb.blocks.map((b) => b.kind)).toEqual(['prose', 'sql', 'chart', 'prose']);
    const [, sql, chart, tail] = nb.blocks;
    expect(sql).toMatchObject({ kind: 'sql', name: 'per_year', line: 19 });
    expect(chart).toMatchObject({
      chart: 'line',
      source: 'per_year',
      options: { x: 'year', y: 'seizures', title: 'Seizures per year' },
    });
    // A fence inside a list item is prose (only top-level fences are cells).
    expect(tail).toMatchObject({ kind: 'prose' });
    expect((tail as { html: string }).html).toContain('SELECT 1');
  });

  it('lists what it cannot read and keeps the rest', () => {
    const nb = parseNotebook(`---
title: [unclosed
---
\`\`\`sql a
SELECT {{nope}}
\`\`\`
\`\`\`chart pie a
\`\`\`
\`\`\`chart bar missing
\`\`\`
\`\`\`sql a
SELECT 2
\`\`\`
`);
    expect(nb.problems.join('\n')).toMatch(/not valid YAML/);
    expect(nb.problems.join('\n')).toMatch(/a chart is line, bar, sankey, table \(got "pie"\)/);
    expect(nb.problems.join('\n')).toMatch(/draws missing, but no SQL cell/);
    expect(nb.problems.join('\n')).toMatch(/second cell named a/);
    expect(nb.problems.join('\n')).toMatch(/\{\{nope\}\} is not a parameter/);
    expect(nb.blocks.filter((b) => b.kind === 'sql')).toHaveLength(2);
    expect(parseNotebook('no front matter').problems[0]).toMatch(/No front matter/);
    expect(parseNotebook('---\ntitle: x\nextra: 1\n---\n').problems[0]).toMatch(/extra/);
  });

  it('renders prose with no raw HTML, no image and no link off the page', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n![tracker](http://127.0.0.1:9/t.png)\n\n[out](https://example.org) [js](javascript:alert(1)) [here](#/map) [rel](./x.md)',
    );
    // Raw HTML stays text: no element but Markdown's own, so no attribute runs.
    expect(html).not.toMatch(/<script|<img|href="https?:|href="javascript/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('href="#/map"');
    expect(html).toContain('href="./x.md"');
  });

  it('says what the open dataset lacks', () => {
    const nb = parseNotebook(NOTEBOOK);
    expect(missingNeeds(nb.meta.needs, EVENTS_CATALOGUE)).toEqual([]);
    const noTraces = {
      ...EVENTS_CATALOGUE,
      grains: { ...EVENTS_CATALOGUE.grains, trace: null },
      fields: EVENTS_CATALOGUE.fields.filter((f) => f !== 'country'),
    };
    expect(missingNeeds(nb.meta.needs, noTraces)).toEqual(['trace records', 'the field country']);
  });

  it('takes a reader value only when it is one of the parameter’s kind', () => {
    const p = (kind: NotebookParam['kind'], d: string | number, options?: string[]) =>
      ({ name: 'p', kind, default: d, options }) as NotebookParam;
    expect(coerce(p('country', 'MEX'), ' gtm ')).toBe('GTM');
    expect(coerce(p('country', 'MEX'), "MEX' OR 1=1")).toBeNull();
    expect(coerce(p('date', '2020-01-01'), '2021-02-30x')).toBeNull();
    expect(coerce(p('number', 3), '7')).toBe(7);
    expect(coerce(p('number', 3), 'Infinity')).toBeNull();
    expect(coerce(p('select', 'a', ['a', 'b']), 'c')).toBeNull();
    expect(paramValues([p('number', 3)], { p: 'x' })).toEqual({ p: 3 });
  });
});

describe('binding placeholders', () => {
  it('binds values as parameters, in order, and refuses a quoted or unknown one', () => {
    const b = bindPlaceholders(
      "SELECT {{a}}, '{{' AS brace, x FROM t WHERE y = {{ b }} -- {{ not here? }}\n",
      { a: "'; DROP TABLE seizures; --", b: 2 },
    );
    expect(b.sql).toBe("SELECT ?, '{{' AS brace, x FROM t WHERE y = ? -- {{ not here? }}\n");
    expect(b.params).toEqual(["'; DROP TABLE seizures; --", 2]);
    expect(() => bindPlaceholders("WHERE c = '{{country}}'", { country: 'MEX' })).toThrow(
      /inside quotes/,
    );
    expect(() => bindPlaceholders('WHERE c = {{country}}', {})).toThrow(/no value/);
  });

  it('inlines parameters as escaped literals only where asked', () => {
    expect(inlineParams({ sql: "SELECT ?, '?', ?", params: ["O'Brien", 3] })).toBe(
      "SELECT 'O''Brien', '?', 3",
    );
    expect(() => inlineParams({ sql: 'SELECT ?', params: [] })).toThrow();
  });
});

describe('report', () => {
  it('draws a chart as inline SVG and picks its columns', () => {
    const result = {
      columns: ['year', 'seizures', 'firearms'],
      rows: [
        { year: 2020, seizures: 4, firearms: 9 },
        { year: 2021, seizures: 6, firearms: 11 },
      ],
    };
    expect(chartColumns({ x: 'year' }, result)).toEqual({ x: 'year', ys: ['seizures'] });
    expect(chartColumns({ y: 'firearms,seizures' }, result)).toEqual({
      x: 'year',
      ys: ['firearms', 'seizures'],
    });
    const svg = chartSvg('bar', { x: 'year', y: 'seizures' }, result);
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(chartSvg('line', { x: 'year' }, result)).toContain('<polyline');
  });

  it('reads Sankey links from two columns or from stage columns', () => {
    const two = {
      columns: ['origin', 'destination', 'firearms'],
      rows: [
        { origin: 'USA', destination: 'MEX', firearms: 9 },
        { origin: 'USA', destination: 'GTM', firearms: 4 },
      ],
    };
    expect(sankeyRows({ value: 'firearms' }, two)).toEqual([
      { fromStage: 'origin', fromCode: 'USA', toStage: 'destination', toCode: 'MEX', value: 9 },
      { fromStage: 'origin', fromCode: 'USA', toStage: 'destination', toCode: 'GTM', value: 4 },
    ]);
    const staged = {
      columns: ['fromStage', 'fromCode', 'toStage', 'toCode', 'value'],
      rows: [{ fromStage: 'origin', fromCode: 'USA', toStage: 'transit', toCode: 'MEX', value: 3 }],
    };
    expect(sankeyRows({}, staged)).toEqual(staged.rows);
    const nb = parseNotebook(
      '---\ntitle: s\n---\n```sql f\nSELECT 1\n```\n```chart sankey f from=a to=b\n```\n',
    );
    expect(nb.problems).toEqual([]);
    expect(nb.blocks[1]).toMatchObject({ chart: 'sankey', options: { from: 'a', to: 'b' } });
  });
});

describe('shipped notebooks', () => {
  it('every one runs clean on the default dataset (as npm run notebooks checks)', async () => {
    const files = shippedNotebookFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    const checks = await checkNotebooks(files, DEFAULT_DATASET_DIR);
    for (const c of checks) expect(c.failures, c.file).toEqual([]);
    const titles = checks.map((c) => c.notebook.meta.title);
    for (const t of [
      'Operation Trigger IX in numbers',
      'Corridors into Central America and the Caribbean',
      'Trace outcomes and the SDG 16.4.2 indicator',
      'Checking an imported file',
    ])
      expect(titles).toContain(t);
    // The first notebook in every language the app speaks, with the same cells.
    const trigger = checks.filter((c) => /trigger-ix(\.\w\w)?\.md$/.test(c.file));
    expect(trigger.map((c) => c.notebook.meta.lang ?? 'en').sort()).toEqual([
      'en',
      'es',
      'fr',
      'pt',
    ]);
    for (const c of trigger)
      expect([...c.outcomes.keys()]).toEqual([...trigger[0]!.outcomes.keys()]);
    // Correct on the default dataset: Trigger IX's seizures add up to INTERPOL's published count.
    const totals = trigger[0]!.outcomes.get('totals');
    expect(totals).toMatchObject({ status: 'ok', rows: [{ firearms: 8263, arrests: 14260 }] });
  });
});

describe('the current filters applied to a notebook', () => {
  const state = (filters: Partial<FilterState['filters']>, extra: Partial<FilterState> = {}) =>
    ({
      time: { from: null, to: null },
      filters: { ...EMPTY_FILTERS, ...filters },
      crossFilters: [],
      ...extra,
    }) as FilterState;

  it('reads the tables as the views count them, the filters bound before the cell’s values', async () => {
    const db = await openTestDb(DEFAULT_DATASET_DIR);
    try {
      const cases: FilterState[] = [
        state({ country: ['MEX'] }),
        state({ calibre: ['9×19mm'] }),
        state({ traceOutcome: ['refused'], agency: ['customs'] }),
        state(
          {},
          {
            time: { from: '2019-03-04', to: '2022-11-20' },
            crossFilters: [
              { source: 'overview.routes', kind: 'route', origin: 'USA', destination: 'MEX' },
            ],
          },
        ),
      ];
      expect(filteredTablesCtes(state({}))).toBeNull();
      for (const s of cases) {
        const prelude = filteredTablesCtes(s)!;
        const engine = await openNotebookEngine(DEFAULT_DATASET_DIR, prelude);
        try {
          const got = await engine.run(
            `SELECT (SELECT count(*) FROM seizures) AS seizures,
                    (SELECT count(*) FROM firearms) AS firearms,
                    (SELECT count(*) FROM traces) AS traces,
                    (SELECT count(*) FROM seizures WHERE year(seizure_date) >= ?) AS since`,
            [2000],
          );
          const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, s));
          // Firearms as the firearm-grain views count them (a trace test keeps the firearms
          // with such a request, not every firearm of their seizures).
          const fs = firearmSource(db.model, s, undefined);
          const [f] = await db.rows<{ n: number }>(
            sql`SELECT count(*)::INTEGER AS n ${fromWhere(fs)}`,
          );
          expect(got.rows[0], JSON.stringify(s)).toEqual({
            seizures: h!.seizures,
            firearms: f!.n,
            traces: h!.traces,
            since: h!.seizures,
          });
          expect(h!.seizures).toBeGreaterThan(0);
        } finally {
          engine.close();
        }
      }
    } finally {
      db.close();
    }
  });
});

describe('a hostile notebook', () => {
  let trap: Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    trap = createServer((_, res) => {
      hits++;
      res.end('iso3\nMEX\n');
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
    port = (trap.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => trap.close(() => r())));

  it('is contained as the console contains SQL: cells fail in place, nothing leaves', async () => {
    const url = `http://127.0.0.1:${port}/x.csv`;
    const nb = parseNotebook(`---
title: Hostile
params:
  - name: c
    default: MEX
---
<script>fetch('${url}')</script>

\`\`\`sql install
INSTALL httpfs
\`\`\`

\`\`\`sql remote
SELECT * FROM read_csv('${url}')
\`\`\`

\`\`\`sql attach
ATTACH '${url}' AS x
\`\`\`

\`\`\`sql two
SELECT 1; SELECT 2
\`\`\`

\`\`\`sql settings
SET enable_external_access = true
\`\`\`

\`\`\`sql injected
SELECT count(*) AS n FROM seizures WHERE country_iso3 = {{c}}
\`\`\`

\`\`\`sql fine
SELECT count(*) AS n FROM seizures
\`\`\`
`);
    const engine = await openNotebookEngine(DEFAULT_DATASET_DIR);
    const logged: string[] = [];
    const run: CellRunner = (sql, params) => {
      logged.push(sql);
      return engine.run(sql, params);
    };
    try {
      const out = await runNotebook(nb, { c: "MEX' OR '1'='1" }, run);
      const message = (name: string) => {
        const o = out.get(name);
        return o?.status === 'error' ? o.message : 'ran';
      };
      expect(message('install')).toMatch(/extensions cannot be installed/);
      expect(message('remote')).toMatch(/disabled|external|not allowed|permission/i);
      expect(message('attach')).toMatch(/only the app's own dataset/);
      expect(message('two')).toMatch(/One query per cell/);
      expect(message('settings')).toMatch(/one query \(SELECT/);
      // The value is bound as data: it matches no country, and is not in the SQL text.
      expect(out.get('injected')).toMatchObject({ status: 'ok', rows: [{ n: 0 }] });
      expect(logged.join('\n')).not.toContain("'1'='1");
      expect(out.get('fine')).toMatchObject({ status: 'ok', rows: [{ n: 50000 }] });
      expect(hits).toBe(0);
      const html = notebookHtml(nb, out, { c: 'x' }, 'default');
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain("default-src 'none'");
    } finally {
      engine.close();
    }
  });

  it('reads no file: a cell cannot reach the disk', async () => {
    const engine = await openNotebookEngine(DEFAULT_DATASET_DIR);
    try {
      await expect(engine.run("SELECT * FROM read_text('/etc/passwd')", [])).rejects.toThrow();
      expect(readFileSync('/etc/hostname', 'utf8').length).toBeGreaterThan(0);
    } finally {
      engine.close();
    }
  });
});
