/**
 * Import: bring your own data. Files are read in a worker (nothing leaves the machine), a recipe
 * is proposed and can be changed anywhere (shape, roles, fixes), the checks and a preview follow
 * every change, and "Import" builds a dataset kept in this browser and opens it. Errors name the
 * file and the line; the dataset on screen stays loaded whatever happens here.
 */
import { nameFrom } from '../../model/fileNames';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AtlasError } from '../../db/errors';
import { useAtlas } from '../../context/AtlasContext';
import {
  listLocalDatasets,
  listRecipes,
  localName,
  removeLocalDataset,
  saveLocalDataset,
  saveRecipe,
  type LocalDataset,
} from '../../db/localDatasets';
import { checkSize, formatBytes } from '../../import/read';
import { parseRecipe, signatureMatch, type Recipe } from '../../import/recipe';
import { ENCODINGS, type EncodingChoice } from '../../import/text';
import { DEFAULT_STATE, clearFilters } from '../../model/viewState';
import { prepareLocalDataset } from './buildDataset';
import { readGazetteer } from './gazetteer';
import { ImportCancelled, ImportClient } from './importClient';
import { ImportChecks } from './ImportChecks';
import { ImportPreview } from './ImportPreview';
import { LocalDatasetList } from './LocalDatasets';
import type { ImportStage, Opened, Planned } from './protocol';
import { RecipeEditor } from './RecipeEditor';
import {
  ANONYMISE_OFF,
  AnonymisationSummary,
  AnonymiseControls,
  MIN_SALT,
  type AnonymiseChoice,
} from './AnonymiseOptions';

type Busy = { stage: ImportStage | 'engine'; started: number } | null;

const DELIMITERS = ['', ',', ';', '\t', '|'];

/** Downloads a JSON document (a recipe) as a file. */
function downloadJson(name: string, value: unknown) {
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The import view. */
export default function ImportView() {
  const { t } = useTranslation();
  const { duck, coordinator, store, manifest } = useAtlas();
  const clientRef = useRef<ImportClient | null>(null);
  const planSeq = useRef(0);
  // Each long step (open, commit) has a generation; Cancel moves it on, and a step that finds its
  // generation gone stops at its next await, whatever it was waiting for.
  const stepGen = useRef(0);
  const alive = (gen: number) => {
    if (gen !== stepGen.current) throw new ImportCancelled();
  };
  const [files, setFiles] = useState<File[]>([]);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [delimiter, setDelimiter] = useState('');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [planned, setPlanned] = useState<Planned | null>(null);
  const [recipe, setRecipe] = useState<Recipe | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [now, setNow] = useState(0);
  const [local, setLocal] = useState<LocalDataset[]>([]);
  const [known, setKnown] = useState<Recipe | null>(null);
  const [drag, setDrag] = useState(false);
  const [anon, setAnon] = useState<AnonymiseChoice>(ANONYMISE_OFF);

  const client = useCallback(() => {
    clientRef.current ??= new ImportClient(() => readGazetteer(coordinator));
    return clientRef.current;
  }, [coordinator]);
  useEffect(() => () => clientRef.current?.dispose(), []);
  const refreshLocal = useCallback(() => void listLocalDatasets().then(setLocal), []);
  useEffect(refreshLocal, [refreshLocal]);
  // The elapsed time of a long step, for the progress line.
  useEffect(() => {
    if (!busy) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [busy]);

  const fail = (e: unknown) => {
    console.warn('Import failed:', e);
    if (e instanceof ImportCancelled) setError(t('import.cancelled'));
    else setError((e as Error).message || String(e));
  };

  const open = async (list: File[], enc = encoding, delim = delimiter) => {
    setError(null);
    if (list.length === 0) return;
    try {
      for (const f of list) checkSize(f.name, f.size);
    } catch (e) {
      return fail(e);
    }
    if (anon.on && anon.salt.length < MIN_SALT) {
      setError(t('import.anon.saltShort', { n: MIN_SALT }));
      return;
    }
    setFiles(list);
    setBusy({ stage: 'reading', started: Date.now() });
    const gen = ++stepGen.current;
    try {
      const read = await Promise.all(
        list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      alive(gen);
      const result = await client().open(
        read,
        { encoding: enc, delimiter: delim || undefined },
        (stage) => setBusy((b) => (b ? { ...b, stage } : b)),
        anon.on ? { salt: anon.salt, k: anon.k, datePrecision: anon.datePrecision } : null,
      );
      alive(gen);
      setOpened(result.opened);
      setPlanned(result.planned);
      setRecipe(result.opened.recipe);
      setTitle(
        list
          .map((f) => f.name.replace(/\.[^.]+$/, ''))
          .join(', ')
          .slice(0, 120),
      );
      const recipes = await listRecipes();
      setKnown(recipes.find((r) => signatureMatch(r, result.planned.headers) >= 0.8) ?? null);
    } catch (e) {
      setOpened(null);
      setPlanned(null);
      setRecipe(null);
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const replan = async (next: Recipe) => {
    setRecipe(next);
    const seq = ++planSeq.current;
    try {
      const p = await client().plan(next);
      if (seq === planSeq.current) {
        setPlanned(p);
        setError(null);
      }
    } catch (e) {
      if (seq === planSeq.current) fail(e);
    }
  };

  const commit = async () => {
    if (!recipe || !planned) return;
    setError(null);
    setBusy({ stage: 'building', started: Date.now() });
    try {
      const signed: Recipe = {
        ...recipe,
        title: recipe.title || title,
        signature: planned.headers.filter((h) => !/^Column \d+$/.test(h)),
      };
      performance.mark('atlas:import-start');
      const gen = ++stepGen.current;
      const built = await client().build(signed);
      alive(gen);
      performance.mark('atlas:import-built');
      // The worker's copy of the files and facts is no longer needed: stop it before the tables
      // are opened (the peak of a large import). It restarts on the files if the user goes on.
      clientRef.current?.cancel();
      setBusy((b) => (b ? { ...b, stage: 'writing' } : b));
      const name = localName(title || 'import');
      if (!duck) {
        throw new AtlasError(
          'invalid_data',
          'This copy of the app runs its queries on a DuckDB service; imported datasets are kept and opened by the in-browser engine, which it does not start.',
        );
      }
      const { manifest: m, tables } = await prepareLocalDataset(duck, built, {
        name,
        title: title || name,
      });
      alive(gen);
      performance.mark('atlas:import-checked');
      await saveLocalDataset(m, tables, signed);
      performance.mark('atlas:import-saved');
      await saveRecipe(signed);
      clientRef.current?.dispose();
      clientRef.current = null;
      store.set(
        (s) => ({
          ...clearFilters(s),
          dataset: name,
          view: 'overview',
          table: { ...s.table, row: 0 },
        }),
        'push',
      );
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const cancel = () => {
    stepGen.current++;
    clientRef.current?.cancel();
  };

  const loadRecipe = async (f: File) => {
    try {
      const r = parseRecipe(JSON.parse(await f.text()));
      if (opened) await replan(r);
      else setKnown(r);
    } catch (e) {
      fail(e);
    }
  };

  const remove = async (name: string) => {
    await removeLocalDataset(name);
    refreshLocal();
    if (name === manifest.name) {
      store.set((s) => ({ ...clearFilters(s), dataset: DEFAULT_STATE.dataset }), 'replace');
    }
  };

  const elapsed = busy && now ? Math.max(0, now - busy.started) / 1000 : 0;
  const unresolved = planned ? planned.checks.places.length + planned.checks.types.length : 0;
  return (
    <div className="view import-view" data-testid="import-view">
      <section className="panel panel--wide" aria-labelledby="import-files">
        <h2 id="import-files" className="panel__title">
          {t('import.title')}
        </h2>
        <p className="muted">{t('import.intro')}</p>
        <AnonymiseControls value={anon} onChange={setAnon} />
        <div
          className={`import-drop${drag ? ' import-drop--over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDrag(true);
          }}
          onDragLeave={() => setDrag(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDrag(false);
            void open([...e.dataTransfer.files]);
          }}
        >
          <label className="field">
            <span className="field__label">{t('import.choose')}</span>
            <input
              type="file"
              multiple
              data-testid="import-file"
              accept=".csv,.tsv,.txt,.xlsx,.parquet,.json,.ndjson,.jsonl,.arrow,.arrows,.feather,.ipc"
              onChange={(e) => void open([...(e.target.files ?? [])])}
            />
          </label>
          <span className="muted">{t('import.drop')}</span>
        </div>
        <div className="toolbar">
          <label className="field">
            <span className="field__label">{t('import.encoding')}</span>
            <select
              data-testid="import-encoding"
              value={encoding}
              onChange={(e) => {
                const v = e.target.value as EncodingChoice;
                setEncoding(v);
                if (files.length) void open(files, v, delimiter);
              }}
            >
              {ENCODINGS.map((x) => (
                <option key={x} value={x}>
                  {x === 'auto' ? t('import.detect') : x}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('import.delimiter')}</span>
            <select
              value={delimiter}
              onChange={(e) => {
                setDelimiter(e.target.value);
                if (files.length) void open(files, encoding, e.target.value);
              }}
            >
              {DELIMITERS.map((d) => (
                <option key={d} value={d}>
                  {d === '' ? t('import.detect') : d === '\t' ? t('import.tab') : d}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('import.recipe.load')}</span>
            <input
              type="file"
              accept=".json"
              onChange={(e) => e.target.files?.[0] && void loadRecipe(e.target.files[0])}
            />
          </label>
        </div>
        {opened && (
          <p className="muted" data-testid="import-opened">
            {opened.sheets
              .map((s) =>
                t('import.sheetInfo', {
                  count: s.rows,
                  file: s.sheet ? `${s.file} › ${s.sheet}` : s.file,
                  rows: s.rows.toLocaleString(),
                  encoding: s.encoding ?? '—',
                  delimiter: s.delimiter === '\t' ? t('import.tab') : (s.delimiter ?? '—'),
                }),
              )
              .join(' · ')}
          </p>
        )}
        {opened?.anonymisation && <AnonymisationSummary reports={opened.anonymisation} />}
        {busy && (
          <div className="notice" role="status" data-testid="import-progress">
            {t(`import.stage.${busy.stage}`)}{' '}
            {elapsed >= 1 ? t('import.elapsed', { s: elapsed.toFixed(0) }) : ''}{' '}
            <button
              type="button"
              className="button button--small"
              data-testid="import-cancel"
              onClick={cancel}
            >
              {t('import.cancel')}
            </button>
          </div>
        )}
        {error && (
          <p className="notice notice--warning" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
        {known && opened && recipe && known !== recipe && (
          <p className="notice" data-testid="import-known">
            {t('import.recipe.known', { title: known.title || t('import.recipe.untitled') })}{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => void replan(known)}
            >
              {t('import.recipe.use')}
            </button>
          </p>
        )}
      </section>

      {opened && recipe && planned && (
        <>
          <RecipeEditor
            recipe={recipe}
            planned={planned}
            opened={opened}
            onChange={(r) => void replan(r)}
          />
          <ImportChecks checks={planned.checks} recipe={recipe} onChange={(r) => void replan(r)} />
          <ImportPreview planned={planned} />
          <section className="panel panel--wide" aria-labelledby="import-commit">
            <h2 id="import-commit" className="panel__title">
              {t('import.commit.title')}
            </h2>
            <p>
              {t('import.commit.summary', {
                seizureRows: planned.seizureRows.toLocaleString(),
                firearmRows: planned.firearmRows.toLocaleString(),
                measures: planned.catalogue.measures.map((m) => t(`import.counts.${m}`)).join(', '),
              })}
            </p>
            {unresolved > 0 && (
              <p className="notice notice--warning">
                {t('import.commit.unresolved', { count: unresolved })}
              </p>
            )}
            <div className="toolbar">
              <label className="field">
                <span className="field__label">{t('import.commit.name')}</span>
                <input
                  data-testid="import-title"
                  value={title}
                  maxLength={120}
                  onChange={(e) => setTitle(e.target.value)}
                />
              </label>
              <button
                type="button"
                className="button button--primary"
                data-testid="import-commit"
                disabled={!!busy || planned.checks.sums.facts === 0}
                onClick={() => void commit()}
              >
                {t('import.commit.go')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  downloadJson(`${nameFrom(title, 'recipe')}.recipe.json`, {
                    ...recipe,
                    title: recipe.title || title,
                    signature: planned.headers,
                  })
                }
              >
                {t('import.recipe.save')}
              </button>
            </div>
            <p className="muted">
              {t('import.commit.where', {
                size: formatBytes(files.reduce((a, f) => a + f.size, 0)),
              })}
            </p>
          </section>
        </>
      )}
      <LocalDatasetList
        list={local}
        current={manifest.name}
        onOpen={(name) =>
          store.set((s) => ({ ...clearFilters(s), dataset: name, view: 'overview' }), 'push')
        }
        onRemove={(name) => void remove(name)}
      />
    </div>
  );
}
