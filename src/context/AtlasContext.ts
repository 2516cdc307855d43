/** React context carrying the booted atlas and the view-state store to every view. */
import { createContext, useContext } from 'react';
import type { BrowserDuckDB } from '../db/browserEngine';
import type { ConsoleSession } from '../db/consoleSession';
import type { Coordinator } from '../db/coordinator';
import type { QueryEngine } from '../db/engine';
import type { DatasetManifest } from '../db/manifest';
import type { OrderIndexes } from '../db/orderIndex';
import type { Catalogue } from '../model/catalogue';
import type { DataDomain } from '../model/dataDomain';
import type { SqlModel } from '../sql/model';
import type { ViewStateStore } from '../state/store';

/** Everything the shell needs once booted. */
export interface Atlas {
  /** The in-browser DuckDB; null when the page's server runs the views' queries natively. */
  duck: BrowserDuckDB | null;
  /** The engine the views' queries run on: DuckDB-WASM here, or native DuckDB on the server. */
  engine: QueryEngine;
  coordinator: Coordinator;
  manifest: DatasetManifest;
  /** Which grains, fields and measures the dataset holds (`src/model/catalogue.ts`). */
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

/** What views can reach. */
export interface AtlasContextValue extends Atlas {
  store: ViewStateStore;
}

export const AtlasContext = createContext<AtlasContextValue | null>(null);

/** The atlas context; throws outside the provider (a programming error). */
export function useAtlas(): AtlasContextValue {
  const value = useContext(AtlasContext);
  if (!value) throw new Error('useAtlas outside <AtlasContext>');
  return value;
}
