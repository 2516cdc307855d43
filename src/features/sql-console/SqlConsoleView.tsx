/**
 * SQL console: write DuckDB SQL against the dataset and see the result as a table, or a readable
 * explanation of what went wrong. Results are not cached (the user may create temp tables).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../app/AtlasContext';
import { tableToRows } from '../../db/engine';
import { StaleQueryError } from '../../db/coordinator';
import { toReadableError, type ReadableError } from '../../db/errors';
import { formatNumber } from '../../i18n';
import { CONSOLE_EXAMPLE, CONSOLE_TABLES, consoleQuery } from '../../sql/console';
import { useViewState } from '../../state/store';

const MAX_ROWS_SHOWN = 1000;

interface Result {
  columns: string[];
  rows: Record<string, unknown>[];
  ms: number;
}

function display(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(display).join(', ')}]`;
  if (typeof v === 'object')
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

/** The SQL console view. */
export function SqlConsoleView() {
  const { coordinator, store } = useAtlas();
  const { lang } = useViewState(store);
  const { t } = useTranslation();
  const [text, setText] = useState(CONSOLE_EXAMPLE);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result | undefined>();
  const [error, setError] = useState<ReadableError | undefined>();

  const run = async () => {
    setRunning(true);
    const t0 = performance.now();
    try {
      const table = await coordinator.query(consoleQuery(text), {
        client: 'sql.console',
        cache: false,
      });
      const rows = tableToRows<Record<string, unknown>>(table);
      setResult({
        columns: table.schema.fields.map((f) => f.name),
        rows,
        ms: performance.now() - t0,
      });
      setError(undefined);
    } catch (e) {
      if (e instanceof StaleQueryError) return;
      setError(toReadableError(e));
    } finally {
      setRunning(false);
    }
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
            className="sql-editor"
            value={text}
            spellCheck={false}
            rows={10}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void run();
              }
            }}
          />
        </label>
        <div className="toolbar">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void run()}
            disabled={running}
          >
            {running ? t('sqlConsole.running') : t('sqlConsole.run')}
          </button>
          <span className="muted">{t('sqlConsole.shortcut')}</span>
        </div>
        {error && (
          <div className="panel__error" role="alert" data-testid="sql-error">
            <strong>{t(`errors.${error.kind}`)}</strong>
            <pre>{error.detail}</pre>
          </div>
        )}
        {result && !error && (
          <div aria-live="polite">
            <p className="muted" data-testid="sql-status">
              {t('sqlConsole.rows', {
                count: result.rows.length,
                ms: formatNumber(Math.round(result.ms), lang),
              })}
              {result.rows.length > MAX_ROWS_SHOWN &&
                ` ${t('sqlConsole.truncated', { shown: MAX_ROWS_SHOWN, count: result.rows.length })}`}
            </p>
            {result.rows.length === 0 ? (
              <p>{t('sqlConsole.noRows')}</p>
            ) : (
              <div className="table-scroll">
                <table
                  className="data-table"
                  aria-label={t('sqlConsole.resultLabel')}
                  data-testid="sql-result"
                >
                  <thead>
                    <tr>
                      {result.columns.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {result.rows.slice(0, MAX_ROWS_SHOWN).map((r, i) => (
                      <tr key={i}>
                        {result.columns.map((c) => (
                          <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                            {typeof r[c] === 'number' ? formatNumber(r[c], lang) : display(r[c])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

export default SqlConsoleView;
