/**
 * Records: the seizure table, sorted and paged in DuckDB (TanStack Table in manual mode), so it
 * stays fast at millions of rows.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useAtlas } from '../../app/AtlasContext';
import { Panel, queryStates } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatNumber } from '../../i18n';
import {
  isRecordSortColumn,
  recordsCountQuery,
  recordsPageQuery,
  type RecordRow,
} from '../../sql/records';
import { useViewState } from '../../state/store';
import type { RecordColumn } from '../../state/viewState';

const features = tableFeatures({ rowSortingFeature });
const PAGE_SIZE = 50;

/** The Records view. */
export function RecordsView() {
  const { coordinator, store } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const sorting: SortingState = [{ id: state.table.sort, desc: state.table.desc }];
  // The page belongs to one set of filters and one order: it resets when either changes.
  const pageKey = JSON.stringify([
    state.time,
    state.filters,
    state.crossFilters,
    state.table.sort,
    state.table.desc,
  ]);
  const [paging, setPaging] = useState({ key: pageKey, page: 0 });
  const page = paging.key === pageKey ? paging.page : 0;
  const setPage = (p: number) => setPaging({ key: pageKey, page: p });

  const rows = useQuery<RecordRow>(
    coordinator,
    recordsPageQuery(state, {
      sort: state.table.sort,
      desc: state.table.desc,
      page,
      pageSize: PAGE_SIZE,
      lang,
    }),
    'records.page',
  );
  const count = useQuery<{ n: number }>(coordinator, recordsCountQuery(state), 'records.count');
  const total = count.rows?.[0]?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const sort = { id: state.table.sort, desc: state.table.desc };

  const columns = useMemo<ColumnDef<typeof features, RecordRow>[]>(() => {
    const num = (v: unknown) => formatNumber(Number(v), lang);
    return [
      { accessorKey: 'seizure_id', header: t('records.columns.seizure_id') },
      { accessorKey: 'seizure_date', header: t('records.columns.seizure_date') },
      { accessorKey: 'country', header: t('records.columns.country') },
      {
        accessorKey: 'admin1',
        header: t('records.columns.admin1'),
        cell: (c) => c.getValue() ?? '–',
      },
      {
        accessorKey: 'place_type',
        header: t('records.columns.place_type'),
        cell: (c) => t(`vocab.place_type.${String(c.getValue())}`),
      },
      {
        accessorKey: 'agency',
        header: t('records.columns.agency'),
        cell: (c) => t(`vocab.agency.${String(c.getValue())}`),
      },
      {
        accessorKey: 'firearms_count',
        header: t('records.columns.firearms_count'),
        cell: (c) => num(c.getValue()),
        meta: { numeric: true },
      },
      {
        accessorKey: 'ammunition_rounds',
        header: t('records.columns.ammunition_rounds'),
        cell: (c) => num(c.getValue()),
        meta: { numeric: true },
      },
      {
        accessorKey: 'arrests',
        header: t('records.columns.arrests'),
        cell: (c) => num(c.getValue()),
        meta: { numeric: true },
      },
      {
        id: 'route',
        header: t('records.columns.route'),
        enableSorting: false,
        accessorFn: (r) =>
          [r.origin ?? '?', ...(r.transit ?? []), r.destination ?? '?'].join(' → '),
      },
      {
        accessorKey: 'operation',
        header: t('records.columns.operation'),
        enableSorting: false,
        cell: (c) => c.getValue() ?? '',
      },
    ];
  }, [t, lang]);

  const data = useMemo(() => rows.rows ?? [], [rows.rows]);
  const table = useTable<typeof features, RecordRow>({
    features,
    columns,
    data,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      // Clearing the sort (a third click) goes back to the default order.
      if (!first || !isRecordSortColumn(first.id))
        store.set(
          (s) => ({ ...s, table: { ...s.table, sort: 'seizure_date', desc: true } }),
          'push',
        );
      else
        store.set(
          (s) => ({
            ...s,
            table: { ...s.table, sort: first.id as RecordColumn, desc: first.desc },
          }),
          'push',
        );
    },
    manualSorting: true,
    enableMultiSort: false,
  });

  const sortedHeader = columns.find(
    (c) => (c.id ?? ('accessorKey' in c ? c.accessorKey : '')) === sort.id,
  )?.header;
  return (
    <div className="view view--records">
      <Panel
        id="records"
        className="panel--wide"
        title={t('records.title')}
        units={t('records.rows', { count: formatNumber(total, lang) })}
        caption={t('records.caption', {
          column: typeof sortedHeader === 'string' ? sortedHeader : sort.id,
          direction: t(sort.desc ? 'records.descending' : 'records.ascending'),
        })}
        {...queryStates(rows)}
        emptyMessage={t('records.empty')}
      >
        <div className="table-scroll">
          <table className="data-table" data-testid="records-table">
            <thead>
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => {
                    const sorted = h.column.getIsSorted();
                    const label =
                      typeof h.column.columnDef.header === 'string'
                        ? h.column.columnDef.header
                        : h.id;
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        aria-sort={
                          sorted === 'asc'
                            ? 'ascending'
                            : sorted === 'desc'
                              ? 'descending'
                              : undefined
                        }
                      >
                        {h.column.getCanSort() ? (
                          <button
                            type="button"
                            className="sort-button"
                            onClick={h.column.getToggleSortingHandler()}
                            aria-label={t('records.sortBy', { column: label })}
                          >
                            {label}
                            <span aria-hidden="true">
                              {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                            </span>
                          </button>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <td
                      key={cell.id}
                      className={
                        (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric
                          ? 'num'
                          : undefined
                      }
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="pager">
          <button
            type="button"
            className="button"
            disabled={page === 0}
            onClick={() => setPage(Math.max(0, page - 1))}
          >
            {t('records.previous')}
          </button>
          <span>
            {t('records.page', {
              page: formatNumber(page + 1, lang),
              pages: formatNumber(pages, lang),
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={page + 1 >= pages}
            onClick={() => setPage(Math.min(pages - 1, page + 1))}
          >
            {t('records.next')}
          </button>
        </div>
      </Panel>
    </div>
  );
}

export default RecordsView;
