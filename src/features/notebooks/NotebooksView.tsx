/**
 * The Notebooks view: the shipped notebooks (in the reader's language when translated) and the
 * reader's own (kept in this browser), one open as a page that runs on the open dataset. A reader
 * can edit a notebook (CodeMirror), save it in the browser, export it as `.md`, import a `.md`,
 * and share it in a link when it is small enough to travel in one.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { packText, unpackText } from '../../model/linkPacking';
import { MAX_NOTEBOOK_LENGTH, stateToHash } from '../../model/urlCodec';
import type { NotebookRef } from '../../model/viewState';
import { useViewState } from '../../state/store';
import { parseNotebook } from './format';
import {
  NEW_NOTEBOOK,
  deleteLocalNotebook,
  localNotebooks,
  saveLocalNotebook,
  shippedIn,
  SHIPPED,
  type LocalNotebook,
} from './library';
import { NotebookEditor } from './NotebookEditor';
import { NotebookPage } from './NotebookPage';

/** Largest notebook file imported or inflated from a link. */
const MAX_NOTEBOOK_BYTES = 256 * 1024;

/** A file name for a notebook's export, from its title. */
function fileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'notebook'}.md`;
}

/** The view. */
export default function NotebooksView() {
  const { t } = useTranslation();
  const { store } = useAtlas();
  const state = useViewState(store);
  const shipped = shippedIn(state.lang);
  const [mine, setMine] = useState<LocalNotebook[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The text being edited, for the notebook it was opened on (another notebook shows its own).
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    localNotebooks().then(
      (list) => live && setMine(list),
      () => live && setMine([]),
    );
    return () => {
      live = false;
    };
  }, []);

  const ref: NotebookRef = state.notebook ?? {
    id: shipped[0]!.id,
    params: {},
    data: null,
    filtered: false,
  };
  // The open notebook's text: shipped, saved here, or carried by the link.
  const text = ((): string | null => {
    if (ref.id === 'link') return ref.data ? unpackText(ref.data, MAX_NOTEBOOK_BYTES) : null;
    if (ref.id.startsWith('shipped:')) {
      const file = SHIPPED.find((n) => n.id === ref.id);
      // The same notebook in the reader's language, when a link named another translation.
      const base = file && shippedIn(state.lang).find((n) => n.base === file.base);
      return (base ?? file)?.text ?? null;
    }
    return mine?.find((n) => n.id === ref.id)?.text ?? null;
  })();
  const draft = editing && editing.id === ref.id ? editing.text : null;
  const setDraft = (next: string | null) =>
    setEditing(next === null ? null : { id: ref.id, text: next });
  const source = draft ?? text;
  const notebook = useMemo(() => (source === null ? null : parseNotebook(source)), [source]);
  const loadingLocal = ref.id.startsWith('local:') && mine === null;

  const open = (next: NotebookRef) => {
    setDraft(null);
    setLink(null);
    setMessage(null);
    store.set({ notebook: next }, 'push');
  };
  const refresh = async () => setMine(await localNotebooks());
  const save = async () => {
    if (!source || !notebook) return;
    const id = ref.id.startsWith('local:') ? ref.id : undefined;
    const saved = await saveLocalNotebook(notebook.meta.title, source, id);
    await refresh();
    setDraft(null);
    setMessage(t('notebooks.saved', { title: saved.title }));
    if (saved.id !== ref.id) store.set({ notebook: { ...ref, id: saved.id, data: null } }, 'push');
  };
  const create = async () => {
    const saved = await saveLocalNotebook(parseNotebook(NEW_NOTEBOOK).meta.title, NEW_NOTEBOOK);
    await refresh();
    open({ id: saved.id, params: {}, data: null, filtered: ref.filtered });
    setEditing({ id: saved.id, text: NEW_NOTEBOOK });
  };
  const importFile = async (file: File) => {
    if (file.size > MAX_NOTEBOOK_BYTES) {
      setMessage(t('notebooks.importTooLarge', { file: file.name, max: '256 KB' }));
      return;
    }
    const content = await file.text();
    const parsed = parseNotebook(content);
    if (!parsed.blocks.some((b) => b.kind === 'sql')) {
      setMessage(
        t('notebooks.importError', {
          file: file.name,
          reason: parsed.problems[0] ?? t('notebooks.noCells'),
        }),
      );
      return;
    }
    const saved = await saveLocalNotebook(parsed.meta.title, content);
    await refresh();
    open({ id: saved.id, params: {}, data: null, filtered: ref.filtered });
    setMessage(t('notebooks.imported', { file: file.name, title: saved.title }));
  };
  const exportFile = () => {
    if (!source || !notebook) return;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(notebook.meta.title);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const share = () => {
    if (!source) return;
    // A shipped notebook, unchanged, travels by its name; any other by its text.
    const byName = ref.id.startsWith('shipped:') && draft === null;
    const data = byName ? null : packText(source);
    if (data && data.length > MAX_NOTEBOOK_LENGTH) {
      setLink(null);
      setMessage(t('notebooks.linkTooBig', { size: data.length, max: MAX_NOTEBOOK_LENGTH }));
      return;
    }
    const hash = stateToHash({
      ...state,
      notebook: { ...ref, id: byName ? ref.id : 'link', data },
    });
    const url = `${location.origin}${location.pathname}${hash}`;
    setLink(url);
    setMessage(null);
    void navigator.clipboard?.writeText(url).then(
      () => setMessage(t('notebooks.linkCopied')),
      () => undefined,
    );
  };
  const remove = async () => {
    if (!ref.id.startsWith('local:')) return;
    await deleteLocalNotebook(ref.id);
    await refresh();
    open({ id: shipped[0]!.id, params: {}, data: null, filtered: ref.filtered });
  };

  const item = (id: string, title: string) => (
    <li key={id}>
      <a
        href={stateToHash({
          ...state,
          notebook: { id, params: {}, data: null, filtered: ref.filtered },
        })}
        aria-current={
          ref.id === id ||
          (ref.id.startsWith('shipped:') &&
            SHIPPED.find((n) => n.id === ref.id)?.base === SHIPPED.find((n) => n.id === id)?.base)
            ? 'page'
            : undefined
        }
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          open({ id, params: {}, data: null, filtered: ref.filtered });
        }}
      >
        {title}
      </a>
    </li>
  );

  return (
    <div className="notebooks">
      <aside className="notebooks__list" aria-label={t('notebooks.list')}>
        <h2>{t('notebooks.shipped')}</h2>
        <ul>{shipped.map((n) => item(n.id, parseNotebook(n.text).meta.title))}</ul>
        <h2>{t('notebooks.mine')}</h2>
        {mine && mine.length > 0 ? (
          <ul>{mine.map((n) => item(n.id, n.title))}</ul>
        ) : (
          <p className="notebook__note">{mine ? t('notebooks.none') : t('notebooks.loading')}</p>
        )}
        <div className="notebooks__actions">
          <button className="button" type="button" onClick={() => void create()}>
            {t('notebooks.new')}
          </button>
          <button className="button" type="button" onClick={() => fileInput.current?.click()}>
            {t('notebooks.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".md,.markdown,text/markdown,text/plain"
            hidden
            aria-label={t('notebooks.import')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importFile(f);
            }}
          />
        </div>
      </aside>
      <div className="notebooks__main">
        <div className="notebooks__toolbar" role="toolbar" aria-label={t('notebooks.actions')}>
          <button
            className="button"
            type="button"
            aria-pressed={draft !== null}
            onClick={() => setDraft(draft === null ? (text ?? '') : null)}
          >
            {draft === null ? t('notebooks.edit') : t('notebooks.closeEditor')}
          </button>
          <button className="button" type="button" onClick={() => void save()} disabled={!source}>
            {ref.id.startsWith('local:') ? t('notebooks.save') : t('notebooks.saveCopy')}
          </button>
          <button className="button" type="button" onClick={exportFile} disabled={!source}>
            {t('notebooks.export')}
          </button>
          <button className="button" type="button" onClick={share} disabled={!source}>
            {t('notebooks.copyLink')}
          </button>
          {ref.id.startsWith('local:') && (
            <button className="button" type="button" onClick={() => void remove()}>
              {t('notebooks.delete')}
            </button>
          )}
        </div>
        {message && (
          <p className="notebooks__message" role="status">
            {message}
          </p>
        )}
        {link && (
          <label className="notebooks__link">
            <span>{t('notebooks.link')}</span>
            <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          </label>
        )}
        {draft !== null && (
          <NotebookEditor value={draft} onChange={setDraft} label={t('notebooks.editLabel')} />
        )}
        {notebook ? (
          <NotebookPage
            notebook={notebook}
            given={ref.params}
            onParams={(params) => store.set({ notebook: { ...ref, params } }, 'replace')}
            filtered={ref.filtered}
            onFiltered={(on) => store.set({ notebook: { ...ref, filtered: on } }, 'replace')}
          />
        ) : (
          <p className="notebook__note" role={loadingLocal ? undefined : 'alert'}>
            {loadingLocal
              ? t('notebooks.loading')
              : ref.id === 'link'
                ? t('notebooks.damagedLink')
                : t('notebooks.notFound')}
          </p>
        )}
      </div>
    </div>
  );
}
