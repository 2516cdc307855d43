/**
 * Start-up: DuckDB and the dataset download in parallel, then the attach and, when the opening
 * link names countries, operations, makes or calibres, the dataset's known values to check them.
 * Steps report progress and set `performance.mark`s (`atlas:duckdb-ready`, `atlas:data-ready`,
 * `atlas:domain-ready`; the header sets `atlas:figures-ready` when its figures are on screen)
 * that tests and the benchmark read.
 */
import { startDuckDB, type BrowserDuckDB } from '../db/browserEngine';
import { Coordinator } from '../db/coordinator';
import { ConsoleSession } from '../db/consoleSession';
import { OrderIndexes } from '../db/orderIndex';
import { dropOrderQuery } from '../sql/records';
import { attachDataset, fetchDataset } from '../db/loadDataset';
import { catalogueOf, type DatasetManifest } from '../db/manifest';
import type { Catalogue } from '../catalogue/catalogue';
import { domainQuery, type DomainRow } from '../sql/domain';
import { needsDomainCheck, type DataDomain } from '../state/domain';
import type { ViewState } from '../state/viewState';
import type { SqlModel } from '../sql/model';

/** Steps of the boot sequence, in order. */
export type BootStage = 'startingEngine' | 'downloadingData' | 'openingTables' | 'computing';

/** Everything the shell needs once booted. */
export interface Atlas {
  duck: BrowserDuckDB;
  coordinator: Coordinator;
  manifest: DatasetManifest;
  /** Which grains, fields and measures the dataset holds (`src/catalogue/`). */
  catalogue: Catalogue;
  /** What the SQL builders know of the dataset: weights and where its cubes are. */
  model: SqlModel;
  /** Known values of the dataset; empty when the opening state needed no check. */
  domain: DataDomain;
  /** The SQL console's own engine on this dataset, started when first used. */
  consoleSession: ConsoleSession;
  /** The records table's order indexes (deep windows at millions of rows). */
  orderIndexes: OrderIndexes;
}

let engineStart:
  | { promise: Promise<BrowserDuckDB>; progress: number; listeners: Set<(f: number) => void> }
  | undefined;

/**
 * Starts DuckDB as early as possible (called from `main.tsx` before React renders), so the
 * engine's download and compilation overlap with the first render. Later calls share the start.
 */
export function startEngineEarly(): Promise<BrowserDuckDB> {
  if (!engineStart) {
    performance.mark('atlas:boot-start');
    const state = { progress: 0, listeners: new Set<(f: number) => void>() };
    const promise = startDuckDB((f) => {
      state.progress = f;
      state.listeners.forEach((l) => l(f));
    });
    engineStart = { ...state, promise };
    // A failed start must be retryable.
    promise.catch(() => (engineStart = undefined));
  }
  return engineStart.promise;
}

/** Runs the boot sequence; `onStage` gets the stage and its progress 0–1. */
export async function boot(
  initial: ViewState,
  onStage: (stage: BootStage, progress: number) => void,
): Promise<Atlas> {
  const started = startEngineEarly();
  // The dataset downloads while the engine compiles.
  let engineReady = false;
  let downloaded = 0;
  const fetched = fetchDataset(initial.dataset, (f) => {
    downloaded = f;
    if (engineReady) onStage('downloadingData', f);
  });
  fetched.catch(() => undefined); // handled below, after the engine
  const report = (f: number) => onStage('startingEngine', f);
  engineStart?.listeners.add(report);
  onStage('startingEngine', engineStart?.progress ?? 0);
  let duck: BrowserDuckDB;
  try {
    duck = await started;
  } finally {
    engineStart?.listeners.delete(report);
  }
  performance.mark('atlas:duckdb-ready');
  engineReady = true;

  onStage('downloadingData', downloaded);
  const data = await fetched;
  onStage('openingTables', 0);
  const model = await attachDataset(duck, data);
  const manifest = data.manifest;
  performance.mark('atlas:data-ready');

  const coordinator = new Coordinator(duck.engine);
  onStage('computing', 0);
  // The dataset's values are only needed to check a link's filters: skip the query otherwise.
  const domain: DataDomain = {
    iso3: new Set(),
    operation: new Set(),
    make: new Set(),
    calibre: new Set(),
  };
  const catalogue = catalogueOf(manifest);
  if (needsDomainCheck(initial, catalogue)) {
    const rows = await coordinator.rows<DomainRow>(domainQuery());
    for (const r of rows) (domain[r.field] as Set<string>).add(r.value);
  }
  performance.mark('atlas:domain-ready');
  // An imported dataset has no URL: the console's engine opens the same stored tables.
  const consoleSession = new ConsoleSession({
    name: manifest.name,
    url: data.url,
    ...(data.tables && { tables: data.tables }),
  });
  const orderIndexes = new OrderIndexes(coordinator, dropOrderQuery);
  return { duck, coordinator, manifest, catalogue, model, domain, consoleSession, orderIndexes };
}
