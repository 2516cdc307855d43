/**
 * SQL console: write DuckDB SQL against the dataset and see the result as a table, or a readable
 * explanation of what went wrong. Queries run in the console's own sandboxed engine
 * (src/db/consoleSession.ts): they can be cancelled, stop at their time budget, and never hold
 * the views' queries back. Leaving the console cancels its query.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../app/AtlasContext';
import { tableToRows } from '../../db/engine';
import { DEFAULT_BUDGET_MS, type ConsoleResult } from '../../db/consoleSession';
import { toReadableError, type ReadableError } from '../../db/errors';
import { formatNumber } from '../../i18n';
import { CONSOLE_EXAMPLE, CONSOLE_TABLES } from '../../sql/console';
import { statementAt } from '../../sql/statements';
import { useViewState } from '../../state/store';
import { ResultTable } from './ResultTable';

/** Time budgets offered, in seconds. */
const BUDGETS_S = [5, 10, 30, 60, 120, 300] as const;

interface Shown {
  result: ConsoleResult;
  rows: Record<string, unknown>[];
}

/** The SQL console view. */
export function SqlConsoleView() {
  const { consoleSession: session, store } = useAtlas();
  const { lang } = useViewState(store);
  const { t } = useTranslation();
  const [text, setText] = useState(CONSOLE_EXAMPLE);
  const [budgetS, setBudgetS] = useState<number>(DEFAULT_BUDGET_MS / 1000);
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [shown, setShown] = useState<Shown | undefined>();
  const [error, setError] = useState<ReadableError | undefined>();
  const [restarted, setRestarted] = useState(false);
  const editor = useRef<HTMLTextAreaElement>(null);

  // Start the engine when the console opens; leaving the console cancels its query.
  useEffect(() => {
    void session.warmUp().catch(() => undefined);
    const unsubscribe = session.onRestart(() => setRestarted(true));
    return () => {
      unsubscribe();
      void session.cancel('cancelled');
    };
  }, [session]);

  useEffect(() => {
    if (!running) return;
    const t0 = performance.now();
    const timer = setInterval(() => setElapsed(performance.now() - t0), 250);
    return () => clearInterval(timer);
  }, [running]);

  const run = async (script: string) => {
    if (session.busy) return;
    setRunning(true);
    setElapsed(0);
    setRestarted(false);
    try {
      const result = await session.run(script, budgetS * 1000);
      setShown({ result, rows: tableToRows<Record<string, unknown>>(result.table) });
      setError(undefined);
    } catch (e) {
      setError(toReadableError(e));
    } finally {
      setRunning(false);
    }
  };

  /** The selection, else the statement under the cursor (Ctrl/Cmd+Enter). */
  const runAtCursor = () => {
    const el = editor.current;
    if (!el) return;
    const { selectionStart: from, selectionEnd: to } = el;
    if (to > from) return void run(text.slice(from, to));
    const s = statementAt(text, from);
    if (s) void run(s.text);
  };

  return (
    <div className="view view--sql">
      <section className="panel panel--wide" aria-labelledby="sql-title">
        <h2 id="sql-title" className="panel__title">
          {t('sqlConsole.title')}
        </h2>
        <p className="muted">{t('sqlConsole.intro', { tables: CONSOLE_TABLES.join(', ') })}</p>
        <label className="field field--block">
          <span className="field__label">{t('sqlConsole.editorLabel')}</span>
          <textarea
            ref={editor}
            className="sql-editor"
            value={text}
            spellCheck={false}
            rows={10}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                runAtCursor();
              }
            }}
          />
        </label>
        <div className="toolbar">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void run(text)}
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
                  {t('sqlConsole.budgetSeconds', { count: s })}
                </option>
              ))}
            </select>
          </label>
          <span className="muted" aria-live="polite" data-testid="sql-running">
            {running
              ? `${t('sqlConsole.running')} ${formatNumber(Math.floor(elapsed / 1000), lang)} s`
              : t('sqlConsole.shortcut')}
          </span>
        </div>
        {restarted && (
          <p className="notice" role="status">
            {t('sqlConsole.restarted')}
          </p>
        )}
        {error && (
          <div className="panel__error" role="alert" data-testid="sql-error">
            <strong>{t(`errors.${error.kind}`)}</strong>
            <pre>{error.detail}</pre>
          </div>
        )}
        {shown && !error && (
          <div aria-live="polite">
            <p className="muted" data-testid="sql-status">
              {t('sqlConsole.rows', {
                count: shown.result.total,
                ms: formatNumber(Math.round(shown.result.ms), lang),
              })}
              {shown.result.total > shown.rows.length &&
                ` ${t('sqlConsole.truncated', {
                  shown: formatNumber(shown.rows.length, lang),
                  total: formatNumber(shown.result.total, lang),
                })}`}
            </p>
            {shown.rows.length === 0 ? (
              <p>{t('sqlConsole.noRows')}</p>
            ) : (
              <ResultTable columns={shown.result.columns} rows={shown.rows} lang={lang} />
            )}
          </div>
        )}
      </section>
    </div>
  );
}

export default SqlConsoleView;
