/**
 * One notebook as a page: its title and what the open dataset lacks of what it needs, the
 * parameters a reader can change, then its prose, cells and charts in order. Cells run on the SQL
 * console's sandboxed engine; a failed cell shows its error in place and the rest still run; each
 * cell opens in the SQL console with its values written in.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { stateToHash } from '../../model/urlCodec';
import { bindPlaceholders, inlineParams } from '../../sql/statements';
import { useViewState } from '../../state/store';
import { useFilterSummary } from '../../context/useFilterSummary';
import { filteredTablesCtes } from '../../sql/filteredTables';
import { coerce, missingNeeds, paramValues, type Notebook, type NotebookParam } from './format';
import { NotebookChart } from './NotebookChart';
import { useNotebookRun } from './useNotebookRun';

/** Props of the page. */
export interface NotebookPageProps {
  notebook: Notebook;
  /** The reader's parameter values as typed (from the link). */
  given: Readonly<Record<string, string>>;
  onParams: (params: Record<string, string>) => void;
  /** Cells read the tables under the current filters. */
  filtered: boolean;
  onFiltered: (on: boolean) => void;
}

/** A cell's SQL with its values written in as escaped literals, for the console's editor. */
function consoleText(sql: string, values: Readonly<Record<string, string | number>>): string {
  try {
    const bound = bindPlaceholders(sql, values);
    return inlineParams(bound);
  } catch {
    return sql;
  }
}

/** Renders and runs a notebook. */
export function NotebookPage({
  notebook,
  given,
  onParams,
  filtered,
  onFiltered,
}: NotebookPageProps) {
  const { t } = useTranslation();
  const { consoleSession, catalogue, store } = useAtlas();
  const state = useViewState(store);
  const values = useMemo(
    () => paramValues(notebook.meta.params, given),
    [notebook.meta.params, given],
  );
  const filters = useFilterSummary();
  const prelude = useMemo(() => (filtered ? filteredTablesCtes(state) : null), [filtered, state]);
  const run = useNotebookRun(notebook, values, consoleSession, prelude);
  const missing = missingNeeds(notebook.meta.needs, catalogue);
  const invalid = notebook.meta.params.filter(
    (p) => Object.hasOwn(given, p.name) && coerce(p, given[p.name]!) === null,
  );
  const set = (p: NotebookParam, text: string) => onParams({ ...given, [p.name]: text });
  return (
    <article className="notebook" aria-labelledby="notebook-title">
      <header className="notebook__header">
        <h2 id="notebook-title">{notebook.meta.title}</h2>
        {notebook.meta.summary && <p className="notebook__summary">{notebook.meta.summary}</p>}
      </header>
      {notebook.problems.length > 0 && (
        <div className="notebook__problems" role="alert">
          <p>{t('notebooks.problems')}</p>
          <ul>
            {notebook.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {missing.length > 0 && (
        <p className="notebook__missing" role="note">
          {t('notebooks.missing', { list: missing.join(', ') })}
        </p>
      )}
      {notebook.meta.params.length > 0 && (
        <form
          className="notebook__params"
          aria-label={t('notebooks.params')}
          onSubmit={(e) => e.preventDefault()}
        >
          {notebook.meta.params.map((p) => {
            const id = `nb-param-${p.name}`;
            const text = given[p.name] ?? String(p.default);
            return (
              <label key={p.name} htmlFor={id} className="notebook__param">
                <span>{p.label ?? p.name}</span>
                {p.kind === 'select' && p.options ? (
                  <select id={id} value={text} onChange={(e) => set(p, e.target.value)}>
                    {p.options.map((o) => (
                      <option key={String(o)} value={String(o)}>
                        {String(o)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    type={p.kind === 'date' ? 'date' : p.kind === 'number' ? 'number' : 'text'}
                    value={text}
                    maxLength={200}
                    spellCheck={false}
                    aria-invalid={invalid.includes(p) || undefined}
                    onChange={(e) => set(p, e.target.value)}
                  />
                )}
              </label>
            );
          })}
          {invalid.length > 0 && (
            <p className="notebook__invalid" role="status">
              {invalid
                .map((p) =>
                  t('notebooks.paramInvalid', { name: p.label ?? p.name, value: p.default }),
                )
                .join(' ')}
            </p>
          )}
        </form>
      )}
      <label className="notebook__filtered">
        <input type="checkbox" checked={filtered} onChange={(e) => onFiltered(e.target.checked)} />{' '}
        {t('notebooks.applyFilters')}{' '}
        <span className="notebook__note">
          {filters ? t('notebooks.filtersAre', { filters }) : t('notebooks.noFilters')}
        </span>
      </label>
      <div className="notebook__run" role="status" aria-live="polite">
        {run.running ? t('notebooks.running', { cell: run.running }) : t('notebooks.ran')}
        {run.running ? (
          <button className="button" type="button" onClick={run.stop}>
            {t('notebooks.stop')}
          </button>
        ) : (
          <button className="button" type="button" onClick={run.rerun}>
            {t('notebooks.rerun')}
          </button>
        )}
      </div>
      {notebook.blocks.map((block, i) => {
        if (block.kind === 'prose')
          // Markdown rendered with raw HTML off, no images and no link off the page (format.ts).
          return (
            <div
              key={i}
              className="notebook__prose"
              dangerouslySetInnerHTML={{ __html: block.html }}
            />
          );
        if (block.kind === 'sql') {
          const o = run.outcomes.get(block.name);
          const consoleLink = stateToHash({
            ...state,
            view: 'sql',
            sql: consoleText(block.sql, values),
            notebook: null,
          });
          return (
            <section
              key={i}
              className="notebook__cell"
              data-cell={block.name}
              aria-label={block.name}
            >
              <details>
                <summary>{t('notebooks.showSql', { name: block.name })}</summary>
                <pre>
                  <code>{block.sql}</code>
                </pre>
              </details>
              <p className="notebook__status">
                {!o ? (
                  run.running === block.name ? (
                    t('notebooks.cellRunning')
                  ) : (
                    t('notebooks.notRun')
                  )
                ) : o.status === 'error' ? (
                  <span className="notebook__error" role="alert">
                    {t('notebooks.cellError', { message: o.message })}
                  </span>
                ) : (
                  t('notebooks.cellRows', {
                    count: o.rows.length,
                    ms: Math.round(o.ms),
                    more: o.truncated ? '+' : '',
                  })
                )}{' '}
                <a href={consoleLink}>{t('notebooks.openInConsole')}</a>
              </p>
            </section>
          );
        }
        const o = run.outcomes.get(block.source);
        if (!o || o.status !== 'ok') return null;
        return (
          <NotebookChart
            key={i}
            kind={block.chart}
            options={block.options}
            result={o}
            lang={state.lang}
          />
        );
      })}
    </article>
  );
}
