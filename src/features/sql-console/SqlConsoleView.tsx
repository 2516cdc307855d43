/**
 * SQL console: write DuckDB SQL against the dataset and see the result as a table, or a readable
 * explanation of what went wrong, marked where it happened. Queries run in the console's own
 * sandboxed engine (src/db/consoleSession.ts): they can be cancelled, stop at their time budget,
 * and never hold the views' queries back. Leaving the console cancels its query. A query that
 * arrives in a link fills the editor and waits: nothing runs until the user presses Run.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import {
  ConsoleQueryError,
  DEFAULT_BUDGET_MS,
  type ConsoleResult,
  type ConsoleTable,
} from '../../db/consoleSession';
import { toReadableError, type ReadableError } from '../../db/errors';
import { formatNumber } from '../../i18n';
import { CONSOLE_EXAMPLE, CONSOLE_TABLES } from '../../sql/console';
import { useViewState } from '../../state/store';
import { MAX_LINK_SQL_LENGTH } from '../../model/viewState';
import { ConsoleResultTable } from './ConsoleResultTable';
import { SchemaPanel } from './SchemaPanel';
import {
  SqlEditor,
  type EditorError,
  type EditorSchema,
  type RunRequest,
  type SqlEditorHandle,
} from './SqlEditor';
import { addToHistory, loadHistory, type HistoryEntry } from './sqlHistory';

/** Time budgets offered, in seconds. */
const BUDGETS_S = [5, 10, 30, 60, 120, 300] as const;

/** The SQL console view. */
export function SqlConsoleView() {
  const { consoleSession: session, store } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  // A query from the link is shown as it came, and flagged until it has been run.
  const [fromLink, setFromLink] = useState(() => state.sql !== null);
  const [text, setText] = useState(() => state.sql ?? CONSOLE_EXAMPLE);
  const [budgetS, setBudgetS] = useState<number>(DEFAULT_BUDGET_MS / 1000);
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [result, setResult] = useState<ConsoleResult | undefined>();
  const [error, setError] = useState<{ readable: ReadableError; mark?: EditorError }>();
  const [restarted, setRestarted] = useState(false);
  const [tables, setTables] = useState<ConsoleTable[]>();
  const [history, setHistory] = useState<HistoryEntry[]>(() => loadHistory());
  const editor = useRef<SqlEditorHandle>(null);

  const refreshSchema = () =>
    void session.schema().then(setTables, () => setTables((old) => old ?? []));

  // Start the engine when the console opens; leaving the console cancels its query.
  useEffect(() => {
    void session.schema().then(setTables, () => setTables([]));
    const unsubscribe = session.onRestart(() => setRestarted(true));
    return () => {
      unsubscribe();
      void session.cancel('cancelled');
    };
  }, [session]);

  // Back and forward through links that carry another query replace the text.
  const [linkSql, setLinkSql] = useState(state.sql);
  if (state.sql !== linkSql) {
    setLinkSql(state.sql);
    if (state.sql !== null && state.sql !== text) {
      setText(state.sql);
      setFromLink(true);
    }
  }

  useEffect(() => {
    if (!running) return;
    const t0 = performance.now();
    const timer = setInterval(() => setElapsed(performance.now() - t0), 250);
    return () => clearInterval(timer);
  }, [running]);

  const run = async ({ text: script, offset }: RunRequest) => {
    if (session.busy) return;
    setRunning(true);
    setElapsed(0);
    setRestarted(false);
    setFromLink(false);
    setHistory((h) => addToHistory(h, script));
    // The link carries the editor's text from now on (short enough texts only).
    const s = store.get();
    const sql = text.length <= MAX_LINK_SQL_LENGTH ? text : null;
    if (s.sql !== sql) store.set({ ...s, sql }, 'replace');
    try {
      setResult(await session.run(script, budgetS * 1000));
      setError(undefined);
    } catch (e) {
      const readable = toReadableError(e);
      const at = e instanceof ConsoleQueryError ? e.position : null;
      setError({
        readable,
        mark: at
          ? { from: offset + at.from, to: offset + at.to, message: readable.detail }
          : undefined,
      });
    } finally {
      setRunning(false);
      refreshSchema();
    }
  };

  const schema: EditorSchema = Object.fromEntries(
    (tables ?? []).map((tb) => [tb.name, tb.columns.map((c) => c.name)]),
  );

  return (
    <div className="view view--sql">
      <section className="panel panel--wide" aria-labelledby="sql-title">
        <h2 id="sql-title" className="panel__title">
          {t('sqlConsole.title')}
        </h2>
        <p className="muted">{t('sqlConsole.intro', { tables: CONSOLE_TABLES.join(', ') })}</p>
        {fromLink && (
          <p className="notice notice--warning" role="alert" data-testid="sql-from-link">
            {t('sqlConsole.fromLink')}
          </p>
        )}
        <div className="sql-layout">
          <div className="sql-layout__main">
            <span className="field__label" id="sql-editor-label">
              {t('sqlConsole.editorLabel')}
            </span>
            <SqlEditor
              ref={editor}
              value={text}
              onChange={setText}
              onRun={(r) => void run(r)}
              schema={schema}
              error={error?.mark}
              label={t('sqlConsole.editorLabel')}
            />
            <div className="toolbar">
              <button
                type="button"
                className="button button--primary"
                onClick={() => void run({ text, offset: 0 })}
                disabled={running}
              >
                {running ? t('sqlConsole.running') : t('sqlConsole.run')}
              </button>
              {running && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void session.cancel('cancelled')}
                  data-testid="sql-cancel"
                >
                  {t('sqlConsole.cancel')}
                </button>
              )}
              <label className="field field--inline">
                <span className="field__label">{t('sqlConsole.budget')}</span>
                <select value={budgetS} onChange={(e) => setBudgetS(Number(e.target.value))}>
                  {BUDGETS_S.map((s) => (
                    <option key={s} value={s}>
                      {t('sqlConsole.budgetSeconds', { seconds: formatNumber(s, lang) })}
                    </option>
                  ))}
                </select>
              </label>
              {history.length > 0 && (
                <label className="field field--inline">
                  <span className="field__label">{t('sqlConsole.history')}</span>
                  <select
                    value=""
                    onChange={(e) => {
                      const entry = history[Number(e.target.value)];
                      if (entry) setText(entry.sql);
                    }}
                    data-testid="sql-history"
                  >
                    <option value="">
                      {t('sqlConsole.historyPick', { count: history.length })}
                    </option>
                    {history.map((h, i) => (
                      <option key={h.at + i} value={i}>
                        {h.sql.replace(/\s+/g, ' ').slice(0, 80)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <span className="muted" aria-live="polite" data-testid="sql-running">
                {running
                  ? t('sqlConsole.runningElapsed', {
                      seconds: formatNumber(Math.floor(elapsed / 1000), lang),
                    })
                  : t('sqlConsole.shortcut')}
              </span>
            </div>
          </div>
          <SchemaPanel tables={tables} onInsert={(name) => editor.current?.insert(name)} />
        </div>
        {restarted && (
          <p className="notice" role="status">
            {t('sqlConsole.restarted')}
          </p>
        )}
        {error && (
          <div className="panel__error" role="alert" data-testid="sql-error">
            <strong>{t(`errors.${error.readable.kind}`)}</strong>
            <pre>{error.readable.detail}</pre>
          </div>
        )}
        {result && !error && (
          <div aria-live="polite">
            <p className="muted" data-testid="sql-status">
              {t('sqlConsole.rows', {
                count: result.total,
                total: formatNumber(result.total, lang),
                ms: formatNumber(Math.round(result.ms), lang),
              })}
            </p>
            {result.total === 0 ? (
              <p>{t('sqlConsole.noRows')}</p>
            ) : (
              <ConsoleResultTable
                result={result}
                session={session}
                lang={lang}
                query={result.statement.text}
              />
            )}
          </div>
        )}
      </section>
    </div>
  );
}

export default SqlConsoleView;
