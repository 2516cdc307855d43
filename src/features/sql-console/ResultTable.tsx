/** The console's result grid: the rows a query returned, numbers aligned and localised. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';

/** Text for a cell value of any Arrow type. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return `[${v.map(displayValue).join(', ')}]`;
  if (typeof v === 'object')
    return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

/** A result table; the scroll area is focusable so a keyboard can reach every column. */
export function ResultTable({
  columns,
  rows,
  lang,
}: {
  columns: string[];
  rows: Record<string, unknown>[];
  lang: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('sqlConsole.resultLabel')}
    >
      <table className="data-table" data-testid="sql-result">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const v = r[c];
                return (
                  <td key={c} className={typeof v === 'number' ? 'num' : undefined}>
                    {typeof v === 'number' ? formatNumber(v, lang) : displayValue(v)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
