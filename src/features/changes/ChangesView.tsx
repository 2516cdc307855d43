/**
 * What changed: the routes, countries, subdivisions, firearm types, calibres and makes whose
 * counts moved most between two periods — the filters' time range (else the dataset's last twelve
 * months) against the period of the same length before it — with an exact test of each split,
 * corrected for the number of items tested; low baselines and items with few events are listed
 * apart, not ranked. Each mover opens the Overview filtered to it over the current period.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { useAtlas } from '../../context/AtlasContext';
import { useNames } from '../../context/useNames';
import { useQuery } from '../../db/useQuery';
import { formatNumber, formatPercent } from '../../i18n';
import { hasField, hasGrain, type Catalogue } from '../../model/catalogue';
import { rankMovers, type Mover } from '../../model/changeStats';
import type { FieldId } from '../../model/fields';
import { stateToHash } from '../../model/urlCodec';
import { EMPTY_FILTERS, type ViewState } from '../../model/viewState';
import {
  CHANGE_DIMENSIONS,
  changesQuery,
  comparedPeriods,
  periodDays,
  type ChangeDimension,
  type DimensionCountRow,
} from '../../sql/changes';
import { useViewState } from '../../state/store';

/** Items tested at most per dimension (the largest by events). */
const MAX_ROWS = 12;

/** The filter fields an item of a dimension sets. */
const FIELDS_OF: Record<ChangeDimension, FieldId[]> = {
  route: ['origin', 'destination'],
  country: ['country'],
  subdivision: ['country'],
  firearmType: ['firearmType'],
  calibre: ['calibre'],
  make: ['make'],
};

/** The dimensions the dataset can answer. */
function available(c: Catalogue): ChangeDimension[] {
  return CHANGE_DIMENSIONS.filter((d) => {
    if (d === 'firearmType' || d === 'calibre' || d === 'make')
      return hasGrain(c, 'firearm') && hasField(c, d);
    if (d === 'subdivision') return c.precision.place.includes('admin1');
    return FIELDS_OF[d].every((f) => hasField(c, f));
  });
}

/** The view state that shows a mover: its filter set, the current period as the time range. */
function moverState(state: ViewState, m: Mover, current: { from: string; to: string }): ViewState {
  const d = m.dimension as ChangeDimension;
  const values = d === 'route' ? m.key.split('>') : [m.key];
  const filters = { ...EMPTY_FILTERS, ...state.filters };
  FIELDS_OF[d].forEach((f, i) => (filters[f] = [values[i]!]));
  return { ...state, view: 'overview', filters, crossFilters: [], time: current };
}

/** The view. */
export default function ChangesView() {
  const { coordinator, store, manifest, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const names = useNames(state.lang);
  const lang = state.lang;
  const dims = useMemo(() => available(catalogue), [catalogue]);
  const periods = useMemo(
    () => comparedPeriods(state.time, manifest.dateRange.to),
    [state.time, manifest.dateRange.to],
  );
  const query = useMemo(
    () => changesQuery(model, state, dims, periods),
    [model, state, dims, periods],
  );
  const answer = useQuery<DimensionCountRow>(coordinator, query, 'changes.counts');
  const rows = answer.rows;
  const movers = (() => {
    if (!rows) return null;
    // The largest items of each dimension are tested (the correction counts every test).
    const tested = dims.flatMap((d) =>
      rows
        .filter((r) => r.dimension === d)
        .sort((a, b) => b.current + b.baseline - (a.current + a.baseline))
        .slice(0, MAX_ROWS)
        .map((r) => ({ dimension: d, key: r.key, current: r.current, baseline: r.baseline })),
    );
    return rankMovers(tested, {
      currentLength: periodDays(periods.current),
      baselineLength: periodDays(periods.baseline),
    });
  })();
  const spanning = (rows ?? [])
    .filter((r) => r.dimension === dims[0])
    .reduce((a, r) => a + r.spanning, 0);
  const label = (m: Mover) => {
    const place = (code: string) => names.iso3.get(code) ?? code;
    if (m.dimension === 'route') return m.key.split('>').map(place).join(' → ');
    if (m.dimension === 'country' || m.dimension === 'subdivision') return place(m.key);
    if (m.dimension === 'firearmType') return t(`vocab.firearm_type.${m.key}`, m.key);
    return m.key;
  };
  const ranked = movers?.filter((m) => m.flag === null) ?? [];
  const flagged = movers?.filter((m) => m.flag !== null) ?? [];
  const significant = ranked.filter((m) => m.significant).length;
  const range = (p: { from: string; to: string }) => `${p.from} – ${p.to}`;
  const row = (m: Mover) => (
    <tr key={`${m.dimension}:${m.key}`} data-mover={`${m.dimension}:${m.key}`}>
      <th scope="row">
        <a href={stateToHash(moverState(state, m, periods.current))}>{label(m)}</a>
      </th>
      <td>{t(`changes.dimension.${m.dimension}`)}</td>
      <td className="num">{formatNumber(m.baseline, lang)}</td>
      <td className="num">{formatNumber(m.current, lang)}</td>
      <td className="num">
        {Number.isFinite(m.rateRatio)
          ? `×${formatNumber(m.rateRatio, lang, { maximumFractionDigits: 2 })}`
          : '—'}
      </td>
      <td className="num">
        {m.p === null ? '—' : formatNumber(m.p, lang, { maximumSignificantDigits: 2 })}
      </td>
      <td className="num">
        {m.q === null ? '—' : formatNumber(m.q, lang, { maximumSignificantDigits: 2 })}
      </td>
      <td>
        {m.flag
          ? t(`changes.flag.${m.flag === 'few events' ? 'few' : 'low'}`)
          : m.significant
            ? t(m.rateRatio > 1 ? 'changes.up' : 'changes.down')
            : t('changes.notSignificant')}
      </td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('changes.item')}</th>
        <th scope="col">{t('changes.kind')}</th>
        <th scope="col" className="num">
          {t('changes.baseline')}
        </th>
        <th scope="col" className="num">
          {t('changes.current')}
        </th>
        <th scope="col" className="num">
          {t('changes.ratio')}
        </th>
        <th scope="col" className="num">
          {t('changes.p')}
        </th>
        <th scope="col" className="num">
          {t('changes.q')}
        </th>
        <th scope="col">{t('changes.verdict')}</th>
      </tr>
    </thead>
  );
  return (
    <div className="view changes-view">
      <Panel
        id="changes-movers"
        title={t('changes.title')}
        caption={t('changes.caption', {
          current: range(periods.current),
          baseline: range(periods.baseline),
        })}
        summary={
          movers
            ? t('changes.summary', {
                tested: ranked.length,
                significant,
                fdr: formatPercent(0.05, lang),
                spanning: formatNumber(spanning, lang),
              })
            : undefined
        }
        loading={answer.loading}
        error={answer.error}
        empty={movers !== null && movers.length === 0}
        emptyMessage={t('changes.empty')}
      >
        <div className="changes__table" role="region" aria-label={t('changes.title')} tabIndex={0}>
          <table>
            {head}
            <tbody>{ranked.map(row)}</tbody>
          </table>
        </div>
        <p className="muted">{t('changes.method')}</p>
      </Panel>
      {flagged.length > 0 && (
        <Panel
          id="changes-flagged"
          title={t('changes.flaggedTitle')}
          caption={t('changes.flaggedCaption')}
          loading={false}
        >
          <div
            className="changes__table"
            role="region"
            aria-label={t('changes.flaggedTitle')}
            tabIndex={0}
          >
            <table>
              {head}
              <tbody>{flagged.map(row)}</tbody>
            </table>
          </div>
        </Panel>
      )}
    </div>
  );
}
