/**
 * The app's side of the import worker: a promise per request, progress callbacks, and cancel
 * (the worker is terminated and a new one started on the next request, so a cancelled import
 * leaves nothing behind).
 */
import importWorkerUrl from './importWorker.ts?worker&url';
import { startGuardedModuleWorker } from '../../db/sandbox';
import type { Gazetteer } from '../../import/places';
import type { ReadOptions } from '../../import/read';
import type { AnonymiseOptions } from '../../import/anonymise';
import type { Recipe } from '../../import/recipe';
import type { Built, ImportReply, ImportStage, Opened, Planned } from './protocol';

/** Thrown when the user cancels a step. */
export class ImportCancelled extends Error {
  constructor() {
    super('Import cancelled');
    this.name = 'ImportCancelled';
  }
}

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onStage?: (s: ImportStage) => void;
};

/** A connection to an import worker. */
export class ImportClient {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  /** Rejects a start still under way (a cancel while the worker comes up). */
  private abortStart: ((e: Error) => void) | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private files: { name: string; bytes: Uint8Array }[] = [];
  private options: ReadOptions = {};
  /** Kept in memory only, to re-open after a restart; never stored. */
  private anonymise: AnonymiseOptions | null = null;

  constructor(private readonly gazetteer: () => Promise<Gazetteer>) {}

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = startGuardedModuleWorker(importWorkerUrl);
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      this.abortStart = reject;
      worker.onerror = (e) => {
        reject(new Error(`The import worker failed: ${e.message}`));
        for (const p of this.pending.values())
          p.reject(new Error(`The import worker failed: ${e.message}`));
        this.pending.clear();
      };
      worker.onmessage = (e: MessageEvent<ImportReply>) => {
        const m = e.data;
        if (m.id === 0) return resolve();
        const p = this.pending.get(m.id);
        if (!p) return;
        if ('progress' in m) return p.onStage?.(m.progress);
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error));
      };
    }).then(async () => {
      await this.send({ type: 'init', gazetteer: await this.gazetteer() });
      // A restarted worker (after a cancel) reads the files again.
      if (this.files.length)
        await this.send({
          type: 'open',
          files: this.files.map((f) => ({ ...f, bytes: f.bytes.slice() })),
          options: this.options,
          anonymise: this.anonymise,
        });
    });
    return this.ready;
  }

  private send<T>(
    msg: Record<string, unknown>,
    onStage?: (s: ImportStage) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onStage });
      this.worker!.postMessage({ ...msg, id }, transfer);
    });
  }

  /** Reads files and proposes a recipe. */
  async open(
    files: { name: string; bytes: Uint8Array }[],
    options: ReadOptions,
    onStage?: (s: ImportStage) => void,
    anonymise: AnonymiseOptions | null = null,
  ): Promise<{ opened: Opened; planned: Planned }> {
    await this.start();
    this.files = [];
    this.options = options;
    this.anonymise = anonymise;
    const copies = files.map((f) => ({ ...f, bytes: f.bytes.slice() }));
    const result = await this.send<{ opened: Opened; planned: Planned }>(
      { type: 'open', files: copies, options, anonymise },
      onStage,
      copies.map((f) => f.bytes.buffer),
    );
    this.files = files;
    return result;
  }

  /** Applies a recipe to the open files. */
  async plan(recipe: Recipe, onStage?: (s: ImportStage) => void): Promise<Planned> {
    await this.start();
    return this.send<Planned>({ type: 'plan', recipe }, onStage);
  }

  /** Builds the tables of the open files under a recipe. */
  async build(recipe: Recipe, onStage?: (s: ImportStage) => void): Promise<Built> {
    await this.start();
    return this.send<Built>({ type: 'build', recipe }, onStage);
  }

  /** Stops whatever the worker is doing; pending requests reject with `ImportCancelled`. */
  cancel(): void {
    this.abortStart?.(new ImportCancelled());
    this.abortStart = null;
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const p of this.pending.values()) p.reject(new ImportCancelled());
    this.pending.clear();
  }

  /** Ends the worker for good. */
  dispose(): void {
    this.cancel();
    this.files = [];
  }
}
