/**
 * The export menu every panel, the records and the console carry: CSV, Excel or Parquet, named
 * after dataset, view and date, with a sidecar (`….filters.json`) that says what was exported
 * under which filters. A large export shows its progress and can be cancelled; an export that
 * cannot be written (too many rows for Excel) says why. Files are made in the page and saved by
 * the browser: nothing is sent anywhere.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../context/AtlasContext';
import { useFilterSummary } from '../context/useFilterSummary';
import { formatNumber } from '../i18n';
import { useViewState } from '../state/store';
import { safeThreshold } from '../model/viewState';
import { safeExport } from '../disclosure/safeCounts';
import {
  EXPORT_FORMATS,
  exportFileName,
  type ExportColumn,
  type ExportFormat,
} from './exportFormats';
import { ExportCancelled, runExport } from './runExport';

/** Where the rows of an export come from. */
export interface ExportSource {
  batches: AsyncIterable<readonly Record<string, unknown>[]>;
  /** Rows expected, for the progress bar. */
  total?: number;
  columns?: readonly ExportColumn[];
  /** The console's SQL, written into the sidecar. */
  query?: string;
}

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; rows: number; total?: number }
  | { kind: 'done'; file: string; rows: number }
  | { kind: 'failed'; message: string };

/** Saves a file the page made (an object URL on a download link, revoked afterwards). */
export function saveFile(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The menu; `what` names the data (the panel's title), `source` makes its rows on demand. */
export function ExportMenu({
  what,
  source,
  testId,
}: {
  what: string;
  source: () => ExportSource;
  testId?: string;
}) {
  const { manifest, store } = useAtlas();
  const state = useViewState(store);
  const filters = useFilterSummary();
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = async (format: ExportFormat) => {
    if (menu.current) menu.current.open = false;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    // Briefing-safe counts reach files too: small counts are "< k", others hidden as on screen.
    const k = safeThreshold(state);
    const src = k === null ? source() : safeExport(source(), k, state.lang);
    setStatus({ kind: 'running', rows: 0, total: src.total });
    const now = new Date();
    try {
      const { data, sidecar } = await runExport({
        format,
        batches: src.batches,
        columns: src.columns,
        signal: controller.signal,
        onProgress: (rows) => setStatus({ kind: 'running', rows, total: src.total }),
        sidecar: {
          app: 'Firearms Flow Atlas',
          sidecarVersion: 1,
          dataset: { name: manifest.name, title: manifest.title },
          view: state.view,
          what,
          exportedAt: now.toISOString(),
          link: window.location.href,
          filters: filters ?? t('filters.captionNone'),
          source: manifest.synthetic ? t('export.sourceSynthetic') : manifest.title,
          ...(src.query ? { query: src.query } : {}),
          ...(k !== null ? { suppression: { k, rule: t('safe.note', { k }) } } : {}),
        },
      });
      const file = exportFileName(manifest.name, `${state.view} ${what}`, now, format);
      saveFile(data, file);
      saveFile(
        new Blob([JSON.stringify(sidecar, null, 2)], { type: 'application/json' }),
        file.replace(/\.[a-z]+$/, '.filters.json'),
      );
      setStatus({ kind: 'done', file, rows: sidecar.rows });
    } catch (e) {
      setStatus(
        e instanceof ExportCancelled
          ? { kind: 'failed', message: t('export.cancelled') }
          : { kind: 'failed', message: t('export.failed', { detail: (e as Error).message }) },
      );
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = status.kind === 'running';
  return (
    <div className="export" data-testid={testId}>
      <details className="export__menu" ref={menu}>
        <summary aria-label={t('export.menuLabel', { what })}>{t('export.menu')}</summary>
        <ul>
          {EXPORT_FORMATS.map((f) => (
            <li key={f}>
              <button
                type="button"
                className="link-button"
                disabled={running}
                onClick={() => void start(f)}
              >
                {t(`export.format.${f}`)}
              </button>
            </li>
          ))}
        </ul>
      </details>
      {status.kind !== 'idle' && (
        <span className="export__status" role="status" data-testid={testId && `${testId}-status`}>
          {running && (
            <>
              <progress
                max={status.total ?? undefined}
                value={status.rows}
                aria-label={t('export.progressLabel')}
              />{' '}
              {status.total
                ? t('export.progress', {
                    count: status.total,
                    rows: formatNumber(status.rows, state.lang),
                    total: formatNumber(status.total, state.lang),
                  })
                : formatNumber(status.rows, state.lang)}{' '}
              <button
                type="button"
                className="button button--small"
                onClick={() => abort.current?.abort()}
              >
                {t('export.cancel')}
              </button>
            </>
          )}
          {status.kind === 'done' &&
            t('export.done', {
              count: status.rows,
              file: status.file,
              rows: formatNumber(status.rows, state.lang),
            })}
          {status.kind === 'failed' && status.message}
        </span>
      )}
    </div>
  );
}
