/**
 * The dataset manifest (`data/<name>/manifest.json`), written by the generator and validated here
 * before anything is fetched: a tampered or truncated manifest gets a clear message, not a crash.
 */
import { z } from 'zod';
import { CatalogueSchema, EVENTS_CATALOGUE, type Catalogue } from '../model/catalogue';

const tableRows = z.record(z.string(), z.number().int().nonnegative());
const count = z.number().int().nonnegative();

/**
 * The dataset's headline figures with no filter, computed when it was written
 * (`datasets/lib/summary.ts`): shown while the engine starts.
 */
export const SummarySchema = z.object({
  seizures: count,
  firearms: count,
  rounds: count,
  arrests: count,
  countries: count,
  traces: count,
  tracesAnswered: count,
});

/** A dataset's headline figures. */
export type DatasetSummary = z.infer<typeof SummarySchema>;

/** Schema of `manifest.json`. */
export const ManifestSchema = z.object({
  manifestVersion: z.literal(1),
  generatorVersion: z.number().int().positive(),
  name: z.string().regex(/^[a-z0-9_-]{1,64}$/),
  title: z.string().min(1).max(200),
  seed: z.number().int(),
  synthetic: z.boolean(),
  rows: tableRows,
  dateRange: z.object({ from: z.string(), to: z.string() }),
  duckdb: z.object({
    file: z.string().regex(/^[A-Za-z0-9_.-]+\.duckdb$/),
    /**
     * The file's size, when known in advance (imports record it; the generator does not, so that
     * its manifest is the same bytes from run to run: the app reads the size off the response).
     */
    bytes: z.number().int().positive().optional(),
    /**
     * How the browser gets the file: downloaded whole, or read by HTTP range requests (only the
     * blocks queries touch). Unset: by size (`RANGE_READ_THRESHOLD`).
     */
    read: z.enum(['whole', 'ranges']).optional(),
  }),
  /** Cubes stored in the DuckDB file, if any (older datasets have none). */
  cubes: z.object({ version: z.number().int().positive() }).optional(),
  /** Headline figures of the whole dataset (absent in older datasets and imports). */
  summary: SummarySchema.optional(),
  /** Which grains, fields, measures and precisions it holds (absent: the bundled shape). */
  catalogue: CatalogueSchema.optional(),
  parquet: z.record(
    z.string(),
    z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
  ),
});

/** A validated manifest. */
export type DatasetManifest = z.infer<typeof ManifestSchema>;

/** A dataset's catalogue: its own, or the bundled shape's when its manifest has none. */
export function catalogueOf(manifest: DatasetManifest): Catalogue {
  return manifest.catalogue ?? EVENTS_CATALOGUE;
}
