/**
 * One virtualised table for query results and records: TanStack Table owns the columns (headers,
 * sorting toggles, visibility), @tanstack/react-virtual the rows in view, and the rows themselves
 * come in windows from DuckDB (`fetchRows(offset, limit)`, sorted there), so ten million rows
 * scroll without holding more than a few hundred in the page.
 *
 * Browsers cap an element's height (~33.5 M px in Chromium: about a million 32 px rows), so past
 * `MAX_SCROLL_PX` the scroll range is compressed: one pixel of scroll moves `scale` rows' worth,
 * and rows are drawn where the uncompressed list would place them relative to the viewport.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  columnVisibilityFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useRowWindows } from './useRowWindows';

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });

/** Tallest scroll range drawn as is; beyond it the range is compressed. */
export const MAX_SCROLL_PX = 8_000_000;

/** A column of the table. */
export interface VirtualColumn<R> {
  id: string;
  header: string;
  numeric?: boolean;
  sortable?: boolean;
  cell: (row: R) => ReactNode;
}

/** Props of the virtualised table. */
export interface VirtualTableProps<R> {
  label: string;
  testId?: string;
  columns: readonly VirtualColumn<R>[];
  /** Ids of the visible columns (all when undefined). */
  visible?: readonly string[];
  total: number;
  /** Rows `[offset, offset + limit)` of the current data in the current order. */
  fetchRows: (offset: number, limit: number) => Promise<R[]>;
  /** Changes whenever the data or its order does; windows are fetched anew. */
  dataKey: string;
  sort?: { id: string; desc: boolean };
  onSort?: (sort: { id: string; desc: boolean } | null) => void;
  /** Row to show first when the table opens (from the link). */
  initialRow?: number;
  /** The first row in view after scrolling settles. */
  onFirstRowChange?: (row: number) => void;
  onRowClick?: (row: R, index: number) => void;
  rowHeight?: number;
  /** Height of the scrolling area in px. */
  height?: number;
}

type Loaded<R> = { index: number; row: R | undefined };

/** The virtualised table. */
export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const { t } = useTranslation();
  const { columns, total, rowHeight = 34, height = 520 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const fullPx = total * rowHeight;
  const drawnPx = Math.min(fullPx, MAX_SCROLL_PX);
  // How many px of the full list one px of scroll stands for (1 when not compressed).
  const scale = fullPx > drawnPx ? (fullPx - height) / Math.max(1, drawnPx - height) : 1;
  const scaleRef = useRef(scale);
  useLayoutEffect(() => {
    scaleRef.current = scale;
  });

  // The virtualizer is mutable by design (it re-renders the table itself); nothing memoised
  // below holds on to its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialOffset: () => (props.initialRow ?? 0) * rowHeight,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, scrolling) =>
        cb(offset * scaleRef.current, scrolling),
      ),
    scrollToFn: (offset, options, instance) =>
      elementScroll(offset / scaleRef.current, options, instance),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const rows = useRowWindows(props.fetchRows, props.dataKey, total, first, last);

  // Report the first row in view once scrolling settles (for the link).
  const { onFirstRowChange } = props;
  const firstInView = Math.floor((virtualizer.scrollOffset ?? 0) / rowHeight + 0.5);
  useEffect(() => {
    if (!onFirstRowChange || virtualizer.isScrolling) return;
    const timer = setTimeout(
      () => onFirstRowChange(Math.min(firstInView, Math.max(0, total - 1))),
      200,
    );
    return () => clearTimeout(timer);
  }, [firstInView, virtualizer.isScrolling, onFirstRowChange, total]);

  // A new result, order or filter starts at the top (or at the row the link names).
  const [shownKey, setShownKey] = useState(props.dataKey);
  useEffect(() => {
    if (shownKey === props.dataKey) return;
    setShownKey(props.dataKey);
    virtualizer.scrollToOffset(0);
  }, [props.dataKey, shownKey, virtualizer]);

  const defs = useMemo<ColumnDef<typeof features, Loaded<R>>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        enableSorting: c.sortable ?? false,
        accessorFn: (l: Loaded<R>) => l.row,
        cell: (ctx) => {
          const row = ctx.row.original.row;
          return row === undefined ? '' : c.cell(row);
        },
        meta: { numeric: c.numeric },
      })),
    [columns],
  );
  const sorting: SortingState = props.sort ? [props.sort] : [];
  const columnVisibility = props.visible
    ? Object.fromEntries(columns.map((c) => [c.id, props.visible!.includes(c.id)]))
    : {};
  const table = useTable<typeof features, Loaded<R>>({
    features,
    columns: defs,
    data: rows,
    getRowId: (l) => String(l.index),
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      props.onSort?.(next[0] ? { id: next[0].id, desc: next[0].desc } : null);
    },
    manualSorting: true,
    enableMultiSort: false,
  });

  // Rows sit where the full list places them, relative to the compressed scroll position; spacer
  // rows above and below keep the table's layout (and its column widths) in flow.
  const scrollTop = scroller.current?.scrollTop ?? 0;
  const shift = (virtualizer.scrollOffset ?? 0) - scrollTop;
  const top = Math.max(0, (items[0]?.start ?? 0) - shift);
  const bottom = Math.max(0, drawnPx - top - items.length * rowHeight);
  const byIndex = new Map(table.getRowModel().rows.map((r) => [r.original.index, r]));
  const visibleColumns = table.getVisibleLeafColumns();
  return (
    <div
      ref={scroller}
      className="vtable"
      style={{ height }}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      data-testid={props.testId}
      data-first-row={first}
    >
      <table className="data-table vtable__table" aria-rowcount={total + 1}>
        <thead className="vtable__head">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} aria-rowindex={1}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const label = String(h.column.columnDef.header ?? h.id);
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={
                      (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric
                        ? 'num'
                        : undefined
                    }
                    aria-sort={
                      sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
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
          {top > 0 && (
            <tr aria-hidden="true" className="vtable__spacer" style={{ height: top }}>
              <td colSpan={visibleColumns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = byIndex.get(item.index);
            const original = row?.original.row;
            return (
              <tr
                key={item.key}
                aria-rowindex={item.index + 2}
                className={props.onRowClick ? 'vtable__row vtable__row--clickable' : 'vtable__row'}
                style={{ height: rowHeight }}
                data-index={item.index}
                onClick={
                  original !== undefined && props.onRowClick
                    ? () => props.onRowClick!(original, item.index)
                    : undefined
                }
              >
                {original === undefined ? (
                  <td colSpan={visibleColumns.length} className="vtable__pending">
                    {t('state.loading')}
                  </td>
                ) : (
                  row!.getVisibleCells().map((cell) => (
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
                  ))
                )}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="vtable__spacer" style={{ height: bottom }}>
              <td colSpan={visibleColumns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
