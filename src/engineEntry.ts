/**
 * The page's first script: starts DuckDB-WASM (download, streaming compilation, open) before the
 * app's own, larger script has been evaluated, so the engine's start overlaps with all of it.
 * Not when the page's server runs the queries on native DuckDB.
 */
import { startEngineEarly } from './app/engineStart';
import { nativeEngineRequested } from './db/engineKind';

if (!nativeEngineRequested()) void startEngineEarly().catch(() => undefined);
