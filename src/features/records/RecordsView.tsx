/**
 * Records: every seizure under the current filters in one virtualised table, fetched from DuckDB
 * in windows and sorted there, so millions of rows scroll without stalls. The sort, the visible
 * columns, the scroll position and the selected seizure live in the view state (so in the link);
 * a row click opens the seizure's detail with its firearms and trace requests.
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { ColumnChooser } from '../../components/ColumnChooser';
import { Panel, queryStates } from '../../components/Panel';
import {
  VIRTUAL_TABLE_HEIGHT,
  VirtualTable,
  type VirtualColumn,
} from '../../components/VirtualTable';
import { useQuery } from '../../db/useQuery';
import { ExportMenu } from '../../export/ExportMenu';
import { rowBatches } from '../../export/runExport';
import { formatNumber } from '../../i18n';
import { safeCount, useSafeK } from '../../disclosure/safeCounts';
import {
  isRecordSortColumn,
  recordsCountQuery,
  recordsExportQuery,
  recordsIndexedWindowQuery,
  recordsOrderQuery,
  recordsWindowQuery,
  type RecordRow,
} from '../../sql/records';
import { useViewState } from '../../state/store';
import { RECORD_COLUMNS, recordColumnSpec, type RecordColumn } from '../../model/recordColumns';
import { SeizureDetail } from './SeizureDetail';

/** Rows read without an order index (the first screens). */
const DIRECT_WINDOW_ROWS = 2_000;

/** The Records view. */
export function RecordsView() {
  const { coordinator, store, engine, orderIndexes } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const safeK = useSafeK();
  const count = useQuery<{ n: number }>(coordinator, recordsCountQuery(state), 'records.count');
  const total = count.rows?.[0]?.n ?? 0;
  const sort = { id: state.table.sort, desc: state.table.desc };

  // The rows belong to one set of filters and one order: a change of either refetches them.
  const dataKey = JSON.stringify([
    state.dataset,
    state.time,
    state.filters,
    state.crossFilters,
    sort,
    lang,
  ]);
  const filters = useMemo(
    () => ({ time: state.time, filters: state.filters, crossFilters: state.crossFilters }),
    // The key stands for the filters' values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dataKey],
  );
  // The first windows come straight from DuckDB's top-N; deeper ones through an order index
  // built once for these filters and this sort (a top-N that deep keeps every row above it).
  const fetchRows = useCallback(
    async (offset: number, limit: number) => {
      const order = { sort: sort.id, desc: sort.desc, lang };
      if (offset < DIRECT_WINDOW_ROWS)
        return coordinator.rows<RecordRow>(
          recordsWindowQuery(filters, { ...order, offset, limit }),
        );
      const table = await orderIndexes.ensure(dataKey, (t) => recordsOrderQuery(filters, order, t));
      return coordinator.rows<RecordRow>(recordsIndexedWindowQuery(table, { offset, limit, lang }));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [coordinator, orderIndexes, filters, dataKey],
  );
  const onFirstRowChange = useCallback(
    (row: number) => {
      if (store.get().table.row !== row)
        store.set((s) => ({ ...s, table: { ...s.table, row } }), 'replace');
    },
    [store],
  );

  const columns = useMemo<VirtualColumn<RecordRow>[]>(() => {
    // Briefing-safe counts: a record's small counts are written "< k" (a record is one case).
    const num = (v: number) => safeCount(v, safeK, lang);
    const cells: Record<RecordColumn, (r: RecordRow) => string> = {
      seizure_id: (r) => String(r.seizure_id),
      seizure_date: (r) => r.seizure_date,
      country: (r) => r.country,
      admin1: (r) => r.admin1 ?? '–',
      place_type: (r) => t(`vocab.place_type.${r.place_type}`),
      agency: (r) => t(`vocab.agency.${r.agency}`),
      firearms_count: (r) => num(r.firearms_count),
      ammunition_rounds: (r) => num(r.ammunition_rounds),
      arrests: (r) => num(r.arrests),
      route: (r) => [r.origin ?? '?', ...(r.transit ?? []), r.destination ?? '?'].join(' → '),
      operation: (r) => r.operation ?? '',
    };
    return RECORD_COLUMNS.map((id) => ({
      id,
      header: t(`records.columns.${id}`),
      sortable: isRecordSortColumn(id),
      numeric: recordColumnSpec(id).count,
      cell: cells[id],
    }));
  }, [t, lang, safeK]);
  const visible = state.table.columns ?? RECORD_COLUMNS;
  const selectedId = state.selected?.kind === 'seizure' ? Number(state.selected.id) : null;

  return (
    <div className="view view--records">
      <Panel
        id="records"
        reserve={`calc(${VIRTUAL_TABLE_HEIGHT}px + 3rem)`}
        className="panel--wide"
        title={t('records.title')}
        units={t('records.rows', { count: total, total: formatNumber(total, lang) })}
        caption={t('records.caption', {
          column: t(`records.columns.${sort.id}`),
          direction: t(sort.desc ? 'records.descending' : 'records.ascending'),
        })}
        {...queryStates(count)}
        data={undefined /* the records have their own streamed export below */}
        empty={total === 0 && !count.loading}
        emptyMessage={t('records.empty')}
      >
        <div className="toolbar">
          <ColumnChooser
            columns={columns}
            visible={visible}
            onChange={(cols) =>
              store.set(
                (s) => ({
                  ...s,
                  table: {
                    ...s.table,
                    columns:
                      cols.length === RECORD_COLUMNS.length ? null : (cols as RecordColumn[]),
                  },
                }),
                'push',
              )
            }
          />
          <span className="muted">{t('records.hint')}</span>
          <ExportMenu
            what={t('records.title')}
            testId="export-records"
            source={() => ({
              batches: rowBatches(
                engine.stream!(
                  recordsExportQuery(filters, { sort: sort.id, desc: sort.desc, lang }),
                ),
              ),
              total,
            })}
          />
        </div>
        {count.rows && (
          <VirtualTable
            label={t('records.title')}
            testId="records-table"
            columns={columns}
            visible={visible}
            total={total}
            fetchRows={fetchRows}
            dataKey={dataKey}
            sort={sort}
            onSort={(next) =>
              store.set(
                (s) => ({
                  ...s,
                  table: {
                    ...s.table,
                    row: 0,
                    // Clearing the sort (a third click) goes back to the default order.
                    ...(next && isRecordSortColumn(next.id)
                      ? { sort: next.id, desc: next.desc }
                      : { sort: 'seizure_date' as const, desc: true }),
                  },
                }),
                'push',
              )
            }
            initialRow={state.table.row}
            onFirstRowChange={onFirstRowChange}
            onRowClick={(r) =>
              store.set(
                (s) => ({ ...s, selected: { kind: 'seizure', id: String(r.seizure_id) } }),
                'push',
              )
            }
          />
        )}
      </Panel>
      {selectedId !== null && Number.isInteger(selectedId) && (
        <SeizureDetail
          seizureId={selectedId}
          onClose={() => store.set((s) => ({ ...s, selected: null }), 'push')}
        />
      )}
    </div>
  );
}

export default RecordsView;
