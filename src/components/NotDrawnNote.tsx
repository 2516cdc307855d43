/**
 * "12 records are undated and not drawn — show them in Records": the line a time view or the map
 * shows when the filtered records include some an import kept without a date or a country.
 * Every figure counts them; a timeline or a map cannot place them, and says so. Nothing is
 * queried for a dataset whose catalogue has no such records (the bundled ones).
 */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../context/AtlasContext';
import { useQuery } from '../db/useQuery';
import { formatNumber } from '../i18n';
import { notDrawnQuery, type NotDrawnRow } from '../sql/source';
import { useViewState } from '../state/store';
import { EMPTY_FILTERS } from '../model/viewState';

/** The note of records `client` cannot draw: undated ones (timelines) or unplaced ones (maps). */
export function NotDrawnNote({ kind, client }: { kind: 'undated' | 'unplaced'; client: string }) {
  const { coordinator, store, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const precisions = kind === 'undated' ? catalogue.precision.time : catalogue.precision.place;
  const possible = (precisions as readonly string[]).includes('unknown');
  const q = useQuery<NotDrawnRow>(
    coordinator,
    possible ? notDrawnQuery(model, state, client, kind) : null,
    `${client}.${kind}`,
  );
  const n = Number(q.rows?.[0]?.seizures ?? 0);
  if (!possible || n === 0) return null;
  const filter = kind === 'undated' ? 'datePrecision' : 'placePrecision';
  return (
    <p className="muted not-drawn" data-testid={`not-drawn-${kind}`}>
      {kind === 'undated'
        ? t('notDrawn.undated', { count: n, formatted: formatNumber(n, state.lang) })
        : t('notDrawn.unplaced', { count: n, formatted: formatNumber(n, state.lang) })}{' '}
      <button
        type="button"
        className="button button--quiet"
        onClick={() =>
          store.set(
            {
              view: 'records',
              filters: { ...EMPTY_FILTERS, ...state.filters, [filter]: ['unknown'] },
            },
            'push',
          )
        }
      >
        {t('notDrawn.show')}
      </button>
    </p>
  );
}
