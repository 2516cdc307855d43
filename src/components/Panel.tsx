/**
 * A titled panel for a chart or table: title, units, caption with the data source, and the
 * loading, updating, error and empty states every view needs.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../context/AtlasContext';
import { useFilterSummary } from '../context/useFilterSummary';
import { filtersFirearms } from '../sql/where';
import { useViewState } from '../state/store';
import type { ReadableError } from '../db/errors';
import type { QueryState } from '../db/useQuery';
import { ExportMenu } from '../export/ExportMenu';
import { inBatches } from '../export/runExport';

/** Props of a panel. */
export interface PanelProps {
  id: string;
  title: string;
  units?: string;
  caption?: string;
  /**
   * A text summary of what the chart shows, for screen readers and the caption. A panel that
   * passes the prop (undefined while its data loads) keeps the summary's line from the start.
   */
  summary?: string | undefined;
  loading: boolean;
  error?: ReadableError;
  empty?: boolean;
  emptyMessage?: string;
  children?: ReactNode;
  className?: string;
  /**
   * The height (a CSS length) the panel's body keeps from its first paint, the size of what it
   * will draw: the chart arriving with its data then pushes nothing below it (no layout shift).
   */
  reserve?: string;
  /** The rows behind the panel, offered for export (CSV, Excel, Parquet). */
  data?: readonly object[];
}

/** A panel's loading, error and empty states from the query that feeds it. */
export function queryStates(
  q: QueryState<unknown>,
): Pick<PanelProps, 'loading' | 'error' | 'empty' | 'data'> {
  return {
    loading: q.loading,
    error: q.error,
    empty: q.rows?.length === 0,
    data: q.rows as readonly object[] | undefined,
  };
}

/** Renders a panel with its states. */
export function Panel(props: PanelProps) {
  const { t } = useTranslation();
  const { id, title, units, caption, summary, loading, error, empty, children } = props;
  const filters = useFilterSummary();
  const { store } = useAtlas();
  const state = useViewState(store);
  // The one rule for firearm filters, stated wherever a figure is judged.
  const firearmRule = filtersFirearms(state) ? ` ${t('filters.firearmRule')}` : '';
  const filterLine =
    (filters ? t('filters.captionActive', { filters }) : t('filters.captionNone')) + firearmRule;
  const hasContent = !error && !empty && children;
  return (
    <section
      className={`panel ${props.className ?? ''}`}
      aria-labelledby={`${id}-title`}
      aria-busy={loading}
      data-panel={id}
      data-state={error ? 'error' : loading ? 'loading' : empty ? 'empty' : 'ready'}
    >
      <header className="panel__header">
        <h2 className="panel__title" id={`${id}-title`}>
          {title}
        </h2>
        {units && <p className="panel__units">{units}</p>}
        {loading && (
          <span className="panel__status" role="status">
            {t(hasContent ? 'state.updating' : 'state.loading')}
          </span>
        )}
        {props.data && props.data.length > 0 && !loading && (
          <ExportMenu
            what={title}
            testId={`export-${id}`}
            source={() => ({
              batches: inBatches(props.data as readonly Record<string, unknown>[]),
              total: props.data!.length,
            })}
          />
        )}
      </header>
      <div className="panel__body" style={props.reserve ? { minHeight: props.reserve } : undefined}>
        {error ? (
          <div className="panel__error" role="alert">
            <strong>{t(`errors.${error.kind}`)}</strong>
            {error.detail && <pre>{error.detail}</pre>}
          </div>
        ) : empty && !loading ? (
          <div className="panel__empty">
            <p>{props.emptyMessage ?? t('state.empty')}</p>
            {filters && <p>{t('filters.emptyRelax', { filters })}</p>}
          </div>
        ) : (
          children
        )}
      </div>
      <footer className="panel__caption">
        {summary ? (
          <p className="panel__summary">{summary}</p>
        ) : (
          loading &&
          'summary' in props && (
            // The summary's line, kept while the data that will fill it is on its way.
            <p className="panel__summary" aria-hidden="true">
              {'\u00a0'}
            </p>
          )
        )}
        {caption && <p>{caption}</p>}
        <p className="panel__filters">{filterLine}</p>
      </footer>
    </section>
  );
}
