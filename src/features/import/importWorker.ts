/**
 * The import worker: reads files, detects, plans and builds off the main thread (a 1M-row CSV
 * takes seconds), so the page stays responsive and a cancel is a `terminate()`. It runs only the
 * importer's own code: no network, no evaluation of cells.
 */
import { anonymiseSheet } from '../../import/anonymise';
import { columnTableToIPC } from '../../import/arrow';
import { profileColumns } from '../../import/detect';
import { PlaceResolver } from '../../import/places';
import { parseRecipe } from '../../import/recipe';
import { planImport, readFiles, type ImportPlan } from '../../import/run';
import { cellText } from '../../import/text';
import type { Sheet } from '../../import/types';
import type { Built, ImportReply, ImportRequest, Opened, Planned } from './protocol';

let resolver: PlaceResolver | null = null;
let sheets: Sheet[] = [];
/** The last plan and the recipe it was made with: building reuses it when nothing changed. */
let last: { key: string; plan: ImportPlan } | null = null;

/** The plan for a recipe, reused when the recipe is the last one planned. */
function planFor(recipe: unknown): ImportPlan {
  const parsed = parseRecipe(recipe);
  // A title or signature added at commit time changes nothing the plan depends on.
  const key = JSON.stringify({ ...parsed, title: '', signature: [] });
  if (last?.key === key) return last.plan;
  const plan = planImport(sheets, resolver!, parsed);
  last = { key, plan };
  return plan;
}

const post = (m: ImportReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

function summary(plan: ImportPlan): Planned {
  const layout = plan.transformed.layouts[0];
  const headers = layout?.headers ?? [];
  return {
    recipe: plan.recipe,
    checks: plan.transformed.checks,
    headers,
    roles: headers.map((h) => plan.recipe.columns[h] ?? 'ignore'),
    profiles: layout ? profileColumns(layout, resolver!, 200) : [],
    titles: layout?.titles ?? [],
    headerLine: (layout?.headerIndex ?? 0) + 1,
    rows: (layout?.body ?? []).slice(0, 12).map((r) => r.cells.map(cellText)),
    facts: plan.transformed.facts.slice(0, 12).map((f) => ({
      date: f.date,
      precision: f.precision,
      country: f.country,
      admin1: f.admin1,
      district: f.district,
      origin: f.origin,
      originAdmin1: f.originAdmin1,
      destination: f.destination,
      destinationAdmin1: f.destinationAdmin1,
      measure: f.measure,
      value: f.value,
      type: f.type,
      category: f.category,
      calibre: f.calibre,
      file: f.file,
      line: f.line,
    })),
    catalogue: plan.tables.catalogue,
    seizureRows: plan.tables.seizures.length,
    firearmRows: plan.tables.firearms.length,
    choices: Object.fromEntries(
      headers
        .map((h, j) => [h, j] as const)
        .filter(([h]) => ['indicator', 'section'].includes(plan.recipe.columns[h] ?? ''))
        .map(([h, j]) => {
          const seen = new Set<string>();
          for (const l of plan.transformed.layouts) {
            for (const r of l.body) {
              const v = cellText(r.cells[j]);
              if (v) seen.add(v);
              if (seen.size >= 100) break;
            }
          }
          return [h, [...seen]];
        }),
    ),
  };
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'init':
        resolver = new PlaceResolver(m.gazetteer);
        post({ id: m.id, ok: true, result: null });
        return;
      case 'open': {
        post({ id: m.id, progress: 'reading' });
        let read = await readFiles(m.files, m.options);
        // Anonymised first: nothing after this step sees the columns it drops.
        const anonymised = m.anonymise
          ? read.map((sheet) => anonymiseSheet(sheet, m.anonymise!))
          : null;
        if (anonymised) read = anonymised.map((a) => a.sheet);
        post({ id: m.id, progress: 'detecting' });
        const plan = planImport(read, resolver!);
        sheets = read;
        last = { key: JSON.stringify({ ...plan.recipe, title: '', signature: [] }), plan };
        const result: Opened = {
          sheets: read.map((s) => ({
            file: s.file,
            sheet: s.sheet,
            rows: s.rows.length,
            encoding: s.encoding,
            delimiter: s.delimiter,
          })),
          recipe: plan.recipe,
          reason: plan.proposal?.reason ?? '',
          anonymisation: anonymised?.map((a) => a.report) ?? null,
        };
        post({ id: m.id, ok: true, result: { opened: result, planned: summary(plan) } });
        return;
      }
      case 'plan': {
        post({ id: m.id, progress: 'resolving' });
        const plan = planFor(m.recipe);
        post({ id: m.id, ok: true, result: summary(plan) });
        return;
      }
      case 'build': {
        post({ id: m.id, progress: 'building' });
        const plan = planFor(m.recipe);
        const { tables } = plan;
        const seizures = columnTableToIPC(tables.seizures);
        const firearms = columnTableToIPC(tables.firearms);
        const traces = columnTableToIPC(tables.traces);
        const sourceRows = tables.sourceRows ? columnTableToIPC(tables.sourceRows) : null;
        const spec = (
          t: { spec: { columns: readonly { name: string; type: string }[] } } | null,
        ) => (t ? t.spec.columns.map((c) => ({ name: c.name, type: c.type })) : null);
        const result: Built = {
          seizures,
          firearms,
          traces,
          sourceRows,
          specs: {
            seizures: spec(tables.seizures),
            firearms: spec(tables.firearms),
            traces: spec(tables.traces),
            source_rows: spec(tables.sourceRows),
          },
          catalogue: tables.catalogue,
          dateRange: tables.dateRange,
          rows: {
            seizures: tables.seizures.length,
            firearms: tables.firearms.length,
            traces: tables.traces.length,
            ...(tables.sourceRows && { source_rows: tables.sourceRows.length }),
          },
        };
        post({ id: m.id, ok: true, result }, [
          seizures.buffer,
          firearms.buffer,
          traces.buffer,
          ...(sourceRows ? [sourceRows.buffer] : []),
        ]);
        return;
      }
    }
  } catch (err) {
    post({ id: m.id, ok: false, error: (err as Error).message || String(err) });
  }
};

// The sandbox's bootstrap imports this module after the guard: say when messages can come.
post({ id: 0, ok: true, result: 'ready' });
