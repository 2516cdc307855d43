/**
 * Patterns: what is seized and how it moves — breakdowns by firearm type, calibre, make, marking,
 * condition, place, agency, transport, concealment and linked crimes, and a type × region matrix.
 * Clicking a bar filters every other view (each breakdown owns its selection).
 */
import { ScrollingTable } from '../../components/ScrollingTable';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isHidden, protectTable, safeText, useSafeK } from '../../disclosure/safeCounts';
import { useAtlas } from '../../context/AtlasContext';
import { ATLAS_REGIONS, FIREARM_TYPES } from '../../domain/vocabulary';
import type { DataDomain } from '../../model/dataDomain';
import { Panel, queryStates } from '../../components/Panel';
import { RankedBars, rankedBarsHeight } from '../../components/RankedBars';
import { useQuery } from '../../db/useQuery';
import { formatNumber, formatPercent } from '../../i18n';
import type { FacetRow } from '../../sql/facets';
import type { MatrixCell } from '../../sql/patterns';
import { FIELDS, type FieldId } from '../../model/fields';
import { useViewState } from '../../state/store';
import { crossFilterOf, togglePoint } from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import {
  BREAKDOWNS,
  breakdownClient,
  breakdownQuery,
  breakdownRows,
  matrixQuery,
} from './patternsQueries';
import { valueLabel } from '../../context/filterText';
import { useNames } from '../../context/useNames';

/** One breakdown panel. */
/**
 * How many rows a breakdown will show, known before its query: the field's vocabulary or the
 * dataset's own list of values, up to `top` (the panel keeps their height while it loads).
 */
function expectedRows(field: FieldId, top: number, domain: DataDomain): number {
  const values = FIELDS[field].values;
  const known =
    values.kind === 'vocabulary'
      ? values.values.length
      : field === 'make' || field === 'calibre'
        ? domain[field].size
        : top;
  return Math.min(top, known);
}

function Breakdown({ field, top }: { field: FieldId; top: number }) {
  const { coordinator, store, manifest, model, domain } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const names = useNames(state.lang);
  const client = breakdownClient(field);
  // A breakdown ignores its own selection, so every bar stays visible while one is selected.
  const answer = useQuery<FacetRow>(
    coordinator,
    breakdownQuery(model, state, field, state.lang),
    client,
  );
  const mine = useMemo(
    () => answer.rows && breakdownRows(answer.rows, field),
    [answer.rows, field],
  );
  const rows = { ...answer, rows: mine };
  const clause = crossFilterOf(state, client);
  const selected = clause?.kind === 'point' ? clause.values : [];
  const grain = FIELDS[field].grain;
  const unit = t(grain === 'firearm' ? 'figures.firearms' : 'figures.seizures');
  const total = field === 'crime' ? null : (rows.rows ?? []).reduce((a, r) => a + r.count, 0);
  const toggle = (value: string) => store.set((s) => togglePoint(s, client, field, value), 'push');
  return (
    <Panel
      id={`pattern-${field}`}
      reserve={rankedBarsHeight(expectedRows(field, top, domain))}
      title={t(`patterns.titles.${field}`)}
      units={t(grain === 'firearm' ? 'patterns.unitsFirearms' : 'patterns.unitsSeizures')}
      caption={`${t('patterns.clickHint')} ${t('overview.source', { title: manifest.title })}`}
      {...queryStates(rows)}
      emptyMessage={t('overview.emptyFiltered')}
    >
      {rows.rows && (
        <RankedBars
          items={rows.rows.slice(0, top).map((r) => ({
            key: r.value,
            label: valueLabel(field, r.value, names, t),
            value: r.count,
          }))}
          labelHeader={t(`filters.fields.${field}`)}
          valueHeader={unit}
          lang={state.lang}
          caption={t(`patterns.titles.${field}`)}
          selected={selected}
          onToggle={toggle}
          format={(v) =>
            total
              ? `${formatNumber(v, state.lang)} (${formatPercent(v / total, state.lang)})`
              : formatNumber(v, state.lang)
          }
        />
      )}
    </Panel>
  );
}

/** The type × region matrix as a shaded table. */
function TypeRegionMatrix() {
  const { coordinator, store, manifest, model } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const tokens = THEME_TOKENS[state.theme];
  const cells = useQuery<MatrixCell>(coordinator, matrixQuery(model, state), 'patterns.matrix');
  const regions = [...new Set((cells.rows ?? []).map((c) => c.region))];
  const types = [...new Set((cells.rows ?? []).map((c) => c.type))].sort(
    (a, b) => FIREARM_TYPES.indexOf(a as never) - FIREARM_TYPES.indexOf(b as never),
  );
  const regionTotals = new Map(
    regions.map((r) => [
      r,
      (cells.rows ?? []).filter((c) => c.region === r).reduce((a, c) => a + c.firearms, 0),
    ]),
  );
  const value = (r: string, ty: string) =>
    cells.rows?.find((c) => c.region === r && c.type === ty)?.firearms ?? 0;
  // Row shares give the region totals away, so the table is protected with its margins.
  const k = useSafeK();
  const safe = useMemo(
    () =>
      protectTable(
        regions.map((r) => types.map((ty) => value(r, ty))),
        k,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cells.rows, k],
  );
  return (
    <Panel
      id="type-region"
      reserve={rankedBarsHeight(ATLAS_REGIONS.length + 1)}
      className="panel--wide"
      title={t('patterns.matrixTitle')}
      units={t('patterns.matrixUnits')}
      caption={t('overview.source', { title: manifest.title })}
      {...queryStates(cells)}
      emptyMessage={t('overview.emptyFiltered')}
    >
      {safe.exposed ? (
        <p className="panel__empty">{t('safe.tableHidden')}</p>
      ) : (
        <ScrollingTable label={t('patterns.matrixTitle')} className="matrix" testId="type-region">
          <thead>
            <tr>
              <th scope="col">{t('filters.fields.region')}</th>
              {types.map((ty) => (
                <th key={ty} scope="col" className="num">
                  {t(`vocab.firearm_type.${ty}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {regions.map((r, ri) => (
              <tr key={r}>
                <th scope="row">{t(`vocab.atlas_region.${r}`)}</th>
                {types.map((ty, ti) => {
                  const v = value(r, ty);
                  const status = safe.cells[ri]?.[ti];
                  if (isHidden(status))
                    return (
                      <td key={ty} className="num matrix__cell" data-safe={status}>
                        {safeText(v, status, k, state.lang)}
                      </td>
                    );
                  const share = v / Math.max(1, regionTotals.get(r) ?? 1);
                  return (
                    <td
                      key={ty}
                      className="num matrix__cell"
                      style={{
                        // At most 40% of the series colour, so the number keeps its contrast.
                        background: `color-mix(in srgb, ${tokens.series[0]} ${Math.round(share * 40)}%, transparent)`,
                      }}
                      title={formatPercent(share, state.lang, 1)}
                    >
                      {formatNumber(v, state.lang)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
    </Panel>
  );
}

/** The Patterns view. */
export function PatternsView() {
  return (
    <div className="view view--patterns">
      <TypeRegionMatrix />
      {BREAKDOWNS.map((b) => (
        <Breakdown key={b.field} field={b.field} top={b.top} />
      ))}
    </div>
  );
}

export default PatternsView;
