/**
 * The console's result: every row of the last query, virtualised and fetched in windows from the
 * console's engine (where the result is kept as a temp table), sortable by any column in DuckDB,
 * with a column chooser. Numbers are aligned and localised.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataType } from 'apache-arrow';
import { ColumnChooser } from '../../components/ColumnChooser';
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable';
import type { ConsoleResult, ConsoleSession } from '../../db/consoleSession';
import { formatNumber } from '../../i18n';
import { ExportMenu } from '../../export/ExportMenu';

type Row = Record<string, unknown>;

/** Text for a cell value of any Arrow type. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(displayValue).join(', ')}]`;
  if (typeof v === 'object')
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

function isNumeric(type: DataType | undefined): boolean {
  return !!type && (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type));
}

/** The result table of the console. */
export function ConsoleResultTable({
  result,
  session,
  lang,
  query,
}: {
  result: ConsoleResult;
  session: ConsoleSession;
  lang: string;
  /** The SQL that made the result, for the export's sidecar. */
  query: string;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ id: string; desc: boolean } | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  // Sort and visibility belong to one result; a new result starts fresh.
  const [forResult, setForResult] = useState(result);
  if (forResult !== result) {
    setForResult(result);
    setSort(null);
    setHidden(new Set());
  }

  const columns = useMemo<VirtualColumn<Row>[]>(
    () =>
      result.columns.map((name) => ({
        id: name,
        header: name,
        sortable: true,
        numeric: isNumeric(result.table.schema.fields.find((f) => f.name === name)?.type),
        cell: (r: Row) => {
          const v = r[name];
          return typeof v === 'number' ? formatNumber(v, lang) : displayValue(v);
        },
      })),
    [result, lang],
  );
  const fetchRows = useCallback(
    async (offset: number, limit: number) =>
      session.window(
        result,
        offset,
        limit,
        sort ? { column: sort.id, desc: sort.desc } : undefined,
      ),
    [session, result, sort],
  );
  const visible = result.columns.filter((c) => !hidden.has(c));
  return (
    <>
      <div className="toolbar">
        <ColumnChooser
          columns={columns}
          visible={visible}
          onChange={(v) => setHidden(new Set(result.columns.filter((c) => !v.includes(c))))}
        />
        <span className="muted">{t('sqlConsole.sortHint')}</span>
        <ExportMenu
          what={t('sqlConsole.resultLabel')}
          testId="export-sql"
          source={() => ({
            batches: session.stream(
              result,
              sort ? { column: sort.id, desc: sort.desc } : undefined,
            ),
            total: result.total,
            query,
          })}
        />
      </div>
      <VirtualTable
        label={t('sqlConsole.resultLabel')}
        testId="sql-result"
        columns={columns}
        visible={visible}
        total={result.total}
        fetchRows={fetchRows}
        dataKey={`${result.run}:${sort?.id ?? ''}:${sort?.desc ?? ''}`}
        sort={sort ?? undefined}
        onSort={setSort}
        height={Math.min(520, 40 + result.total * 34)}
      />
    </>
  );
}
