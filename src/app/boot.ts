/**
 * Start-up: DuckDB and the dataset download in parallel, then the attach and, when the opening
 * link names countries, operations, makes or calibres, the dataset's known values to check them.
 * Steps report progress and set `performance.mark`s (`atlas:duckdb-ready`, `atlas:data-ready`,
 * `atlas:domain-ready`; the header sets `atlas:figures-ready` when its figures are on screen)
 * that tests and the benchmark read.
 */
import type { BrowserDuckDB } from '../db/browserEngine';
import type { Atlas } from '../context/AtlasContext';
import { afterFirstView, onEngineProgress, startEngineEarly } from './engineStart';
import { Coordinator } from '../db/coordinator';
import { ConsoleSession, type ConsoleDataset } from '../db/consoleSession';
import { OrderIndexes } from '../db/orderIndex';
import { dropOrderQuery } from '../sql/records';
import { attachDataset, fetchDataset, fetchManifest, openCubes } from '../db/loadDataset';
import { isLocalDataset } from '../db/localDatasets';
import { AtlasError } from '../db/errors';
import type { QueryEngine } from '../db/engine';
import { nativeEngineRequested } from '../db/engineKind';
import { remoteEngine } from '../db/remoteEngine';
import { weightsOf } from '../model/catalogue';
import { catalogueOf, type DatasetManifest } from '../db/manifest';
import type { Catalogue } from '../model/catalogue';
import { domainQuery, type DomainRow } from '../sql/domain';
import { needsDomainCheck, type DataDomain } from '../model/dataDomain';
import type { ViewState } from '../model/viewState';
import type { SqlModel } from '../sql/model';

/** Steps of the boot sequence, in order. */
export type BootStage = 'startingEngine' | 'downloadingData' | 'openingTables' | 'computing';

/**
 * Runs the boot sequence; `onStage` gets the stage and its progress 0–1, `onManifest` the
 * dataset's manifest as soon as it is fetched (long before the engine is up).
 */
export async function boot(
  initial: ViewState,
  onStage: (stage: BootStage, progress: number) => void,
  onManifest?: (manifest: DatasetManifest) => void,
): Promise<Atlas> {
  if (nativeEngineRequested()) return bootNative(initial, onStage);
  // Content first: the manifest (a few kB) and the dataset's headline figures it carries are on
  // screen before the 34 MB engine and the dataset file start downloading, so on a slow link
  // they do not share its bandwidth (Lighthouse's largest paint, desktop preset: 6.2 s → 0.6 s).
  // Then the dataset downloads while the engine compiles.
  // The boot screen replaces what was on screen (another dataset's shell) at once.
  onStage('startingEngine', 0);
  let shown: () => void = () => undefined;
  const firstView = new Promise<void>((resolve) => (shown = resolve));
  let engineReady = false;
  let downloaded = 0;
  const fetched = fetchDataset(
    initial.dataset,
    (f) => {
      downloaded = f;
      if (engineReady) onStage('downloadingData', f);
    },
    async (manifest) => {
      onManifest?.(manifest);
      await afterFirstView();
      shown();
    },
  );
  fetched.catch(() => shown()); // the error is handled below, after the engine
  await firstView;
  const started = startEngineEarly();
  const stop = onEngineProgress((f) => onStage('startingEngine', f));
  let duck: BrowserDuckDB;
  try {
    duck = await started;
  } finally {
    stop();
  }
  performance.mark('atlas:duckdb-ready');
  engineReady = true;

  onStage('downloadingData', downloaded);
  const data = await fetched;
  onStage('openingTables', 0);
  const model = await attachDataset(duck, data);
  const manifest = data.manifest;
  performance.mark('atlas:data-ready');

  onStage('computing', 0);
  // An imported dataset has no URL: the console's engine opens the same stored tables.
  return assemble(initial, duck, duck.engine, manifest, model, {
    name: manifest.name,
    url: data.url,
    ...(data.tables && { tables: data.tables }),
  });
}

/**
 * The parts every boot path ends with, around the engine the views' queries run on: the
 * coordinator, the dataset's values a link is checked against, the SQL console's session and the
 * records' order indexes.
 */
async function assemble(
  initial: ViewState,
  duck: BrowserDuckDB | null,
  engine: QueryEngine,
  manifest: DatasetManifest,
  model: SqlModel,
  consoleDataset: ConsoleDataset,
): Promise<Atlas> {
  const coordinator = new Coordinator(engine);
  const { catalogue, domain } = await checkDomain(initial, coordinator, manifest);
  return {
    duck,
    engine,
    coordinator,
    manifest,
    catalogue,
    model,
    domain,
    consoleSession: new ConsoleSession(consoleDataset),
    orderIndexes: new OrderIndexes(coordinator, dropOrderQuery),
  };
}

/**
 * Boots on the page server's native DuckDB (`npm run serve -- --engine native`): no wasm starts
 * and no dataset file downloads; the server attached the dataset and the views' queries go
 * there. The SQL console keeps its own in-browser engine, which reads the file by ranges.
 */
async function bootNative(
  initial: ViewState,
  onStage: (stage: BootStage, progress: number) => void,
): Promise<Atlas> {
  if (isLocalDataset(initial.dataset)) {
    throw new AtlasError(
      'invalid_data',
      'Datasets imported in this browser open with the in-browser engine; this copy of the app runs its queries on a DuckDB service.',
    );
  }
  onStage('openingTables', 0);
  const manifest = await fetchManifest(initial.dataset);
  const engine = remoteEngine(manifest.name);
  performance.mark('atlas:duckdb-ready');
  const weights = weightsOf(catalogueOf(manifest));
  const cubes = await openCubes((sql) => engine.run({ sql, params: [] }), manifest, weights);
  const model: SqlModel = { cubes, weights };
  performance.mark('atlas:data-ready');
  onStage('computing', 0);
  const url = new URL(`data/${manifest.name}/${manifest.duckdb.file}`, document.baseURI).href;
  return assemble(initial, null, engine, manifest, model, { name: manifest.name, url });
}

/** The catalogue, and the dataset's values when the opening link names some to check. */
async function checkDomain(
  initial: ViewState,
  coordinator: Coordinator,
  manifest: DatasetManifest,
): Promise<{ catalogue: Catalogue; domain: DataDomain }> {
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
  return { catalogue, domain };
}
