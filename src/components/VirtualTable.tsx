/**
 * One virtualised table for query results and records: TanStack Table owns the columns (headers,
 * sorting toggles, visibility); only the rows in view (and a few around them) are drawn, and they
 * come in windows from DuckDB (`fetchRows(offset, limit)`, sorted there), so ten million rows
 * scroll without holding more than a few hundred in the page.
 *
 * Browsers cap an element's height (~33.5 M px in Chromium: about a million 34 px rows), so past
 * `MAX_SCROLL_PX` the scroll range is compressed: one pixel of scroll moves `scale` px of the full
 * list, and rows are drawn where the full list would place them relative to the viewport. The row
 * range is computed here rather than by @tanstack/react-virtual: its clamping of scroll offsets
 * to the element's real height fought the compression (a link's row reopened at a quarter of
 * its place), and fixed-height rows need no measuring.
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
import { useRowWindows } from './useRowWindows';

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });

/** Tallest scroll range drawn as is; beyond it the range is compressed. */
export const MAX_SCROLL_PX = 8_000_000;
/** Rows drawn above and below the viewport. */
const OVERSCAN = 8;

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

/** The table's default height in pixels (a panel keeps it while the table loads). */
export const VIRTUAL_TABLE_HEIGHT = 520;

/** The virtualised table. */
export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const { t } = useTranslation();
  const { columns, total, rowHeight = 34, height = VIRTUAL_TABLE_HEIGHT } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const fullPx = total * rowHeight;
  const drawnPx = Math.min(fullPx, MAX_SCROLL_PX);
  // How many px of the full list one px of scroll stands for (1 when not compressed).
  const scale = fullPx > drawnPx ? (fullPx - height) / Math.max(1, drawnPx - height) : 1;
  const [scrollTop, setScrollTop] = useState(0);
  // The header takes part of the scroll range: clamp so that the last rows end at the bottom.
  const offset = Math.min(scrollTop * scale, Math.max(0, fullPx - height + rowHeight));
  const first = Math.max(0, Math.floor(offset / rowHeight) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((offset + height) / rowHeight) + OVERSCAN);
  const rows = useRowWindows(props.fetchRows, props.dataKey, total, first, last);

  // Scroll events are folded into one update per frame.
  const frame = useRef(0);
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scroller.current?.scrollTop ?? 0));
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // The row the link names is brought into view once, when the table opens.
  const opened = useRef(false);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (opened.current || total === 0 || !el) return;
    opened.current = true;
    if (props.initialRow) {
      el.scrollTop = (Math.min(props.initialRow, total - 1) * rowHeight) / scale;
      setScrollTop(el.scrollTop);
    }
  }, [props.initialRow, total, rowHeight, scale]);

  // Report the first row in view once scrolling has rested (for the link).
  const { onFirstRowChange } = props;
  const firstInView = Math.min(Math.max(0, total - 1), Math.floor(offset / rowHeight + 0.5));
  useEffect(() => {
    if (!onFirstRowChange || !opened.current) return;
    const timer = setTimeout(() => onFirstRowChange(firstInView), 250);
    return () => clearTimeout(timer);
  }, [firstInView, onFirstRowChange]);

  // A new result, order or filter starts at the top.
  const shownKey = useRef(props.dataKey);
  useLayoutEffect(() => {
    if (shownKey.current === props.dataKey) return;
    shownKey.current = props.dataKey;
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [props.dataKey]);

  const defs = useMemo<ColumnDef<typeof features, Loaded<R>>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        header: c.header,
        enableSorting: c.sortable ?? false,
        sortDescFirst: c.numeric ?? false,
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
  const top = Math.max(0, scrollTop + first * rowHeight - offset);
  const drawn = Math.max(0, last - first + 1);
  const bottom = Math.max(0, drawnPx - top - drawn * rowHeight);
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
      onScroll={onScroll}
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
          {rows.map(({ index, failed }) => {
            const row = byIndex.get(index);
            const original = row?.original.row;
            return (
              <tr
                key={index}
                aria-rowindex={index + 2}
                className={props.onRowClick ? 'vtable__row vtable__row--clickable' : 'vtable__row'}
                style={{ height: rowHeight }}
                data-index={index}
                onClick={
                  original !== undefined && props.onRowClick
                    ? () => props.onRowClick!(original, index)
                    : undefined
                }
              >
                {original === undefined ? (
                  <td colSpan={visibleColumns.length} className="vtable__pending">
                    {failed ? t('table.rowsFailed') : t('state.loading')}
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
