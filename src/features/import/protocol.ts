/**
 * Messages between the app and its import worker (`importWorker.ts`). The worker holds the read
 * sheets between messages, so changing a role re-plans without reading the files again.
 */
import type { Catalogue } from '../../model/catalogue';
import type { Gazetteer } from '../../import/places';
import type { ReadOptions } from '../../import/read';
import type { Recipe } from '../../import/recipe';
import type { Role } from '../../model/importRoles';
import type { Fact, Checks } from '../../import/transform';
import type { ColumnProfile } from '../../import/detect';
import type { AnonymisedSheet, AnonymiseOptions } from '../../import/anonymise';

/** A sheet as the chooser lists it. */
export interface SheetInfo {
  file: string;
  sheet: string | null;
  rows: number;
  encoding?: string;
  delimiter?: string;
}

/** What opening files gives. */
export interface Opened {
  sheets: SheetInfo[];
  recipe: Recipe;
  reason: string;
  /** One report per sheet when the files were anonymised before import. */
  anonymisation: AnonymisedSheet['report'][] | null;
}

/** A fact as the preview shows it. */
export type PreviewFact = Pick<
  Fact,
  | 'date'
  | 'precision'
  | 'country'
  | 'admin1'
  | 'district'
  | 'origin'
  | 'originAdmin1'
  | 'destination'
  | 'destinationAdmin1'
  | 'measure'
  | 'value'
  | 'type'
  | 'category'
  | 'calibre'
  | 'file'
  | 'line'
>;

/** What planning a recipe gives: the checks, and the first rows as read and as they will be imported. */
export interface Planned {
  recipe: Recipe;
  checks: Checks;
  headers: string[];
  roles: Role[];
  profiles: ColumnProfile[];
  titles: string[];
  headerLine: number;
  rows: string[][];
  facts: PreviewFact[];
  catalogue: Catalogue;
  seizureRows: number;
  firearmRows: number;
  /** Distinct values of the indicator and section columns (up to 100 each), to choose from. */
  choices: Record<string, string[]>;
}

/** What building gives: the tables as Arrow IPC streams, and what the manifest needs. */
export interface Built {
  seizures: Uint8Array;
  firearms: Uint8Array;
  traces: Uint8Array;
  sourceRows: Uint8Array | null;
  /** Column names and types of each table (for the casts into the dataset file). */
  specs: Record<
    'seizures' | 'firearms' | 'traces' | 'source_rows',
    { name: string; type: string }[] | null
  >;
  catalogue: Catalogue;
  dateRange: { from: string; to: string };
  rows: Record<string, number>;
}

/** A request to the worker. */
export type ImportRequest =
  | { id: number; type: 'init'; gazetteer: Gazetteer }
  | {
      id: number;
      type: 'open';
      files: { name: string; bytes: Uint8Array }[];
      options: ReadOptions;
      /** Anonymise every sheet before anything else reads it (`src/import/anonymise.ts`). */
      anonymise: AnonymiseOptions | null;
    }
  | { id: number; type: 'plan'; recipe: Recipe }
  | { id: number; type: 'build'; recipe: Recipe };

/** A stage of a long step, for the progress line. */
export type ImportStage = 'reading' | 'detecting' | 'resolving' | 'building' | 'writing';

/** A reply from the worker. */
export type ImportReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { id: number; progress: ImportStage };
