/**
 * Start-up: DuckDB, then the dataset, then the headline figures. Each step reports progress and
 * sets a `performance.mark` (`atlas:duckdb-ready`, `atlas:data-ready`, `atlas:figures-ready`)
 * that tests and the benchmark read.
 */
import { startDuckDB, type BrowserDuckDB } from '../db/browserEngine';
import { Coordinator } from '../db/coordinator';
import { loadDataset } from '../db/loadDataset';
import type { DatasetManifest } from '../db/manifest';
import { headlineQuery, type HeadlineRow } from '../sql/headline';

/** Steps of the boot sequence, in order. */
export type BootStage = 'startingEngine' | 'downloadingData' | 'openingTables' | 'computing';

/** Everything the shell needs once booted. */
export interface Atlas {
  duck: BrowserDuckDB;
  coordinator: Coordinator;
  manifest: DatasetManifest;
  headline: HeadlineRow;
}

/** Runs the boot sequence; `onStage` gets the stage and its progress 0–1. */
export async function boot(
  dataset: string,
  onStage: (stage: BootStage, progress: number) => void,
): Promise<Atlas> {
  performance.mark('atlas:boot-start');
  onStage('startingEngine', 0);
  const duck = await startDuckDB((f) => onStage('startingEngine', f));
  performance.mark('atlas:duckdb-ready');

  onStage('downloadingData', 0);
  const manifest = await loadDataset(duck, dataset, (f) => onStage('downloadingData', f));
  onStage('openingTables', 1);
  performance.mark('atlas:data-ready');

  const coordinator = new Coordinator(duck.engine);
  onStage('computing', 0);
  const [headline] = await coordinator.rows<HeadlineRow>(headlineQuery(), { client: 'headline' });
  if (!headline) throw new Error('The headline query returned no row');
  performance.mark('atlas:figures-ready');
  return { duck, coordinator, manifest, headline };
}
