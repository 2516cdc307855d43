/** The tables the console can query, with their columns; a click inserts a name in the editor. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleTable } from '../../db/consoleSession';
import { quoteIdent } from '../../sql/literal';

/** Quotes a name for SQL only when it needs it. */
function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteIdent(name);
}

/** The schema beside the editor. */
export function SchemaPanel({
  tables,
  onInsert,
}: {
  tables: ConsoleTable[] | undefined;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <nav className="sql-schema" aria-label={t('sqlConsole.schema')} data-testid="sql-schema">
      <h3 className="sql-schema__title">{t('sqlConsole.schema')}</h3>
      {!tables && <p className="muted">{t('state.loading')}</p>}
      <ul className="sql-schema__tables">
        {tables?.map((table) => {
          const key = `${table.database}.${table.name}`;
          const expanded = open.has(key);
          return (
            <li key={key}>
              <button
                type="button"
                className="sql-schema__toggle"
                aria-expanded={expanded}
                aria-controls={`schema-${key}`}
                aria-label={t('sqlConsole.columnsOf', { name: table.name })}
                onClick={() => toggle(key)}
              >
                {expanded ? '▾' : '▸'}
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => onInsert(sqlName(table.name))}
                title={t('sqlConsole.insert', { name: table.name })}
              >
                {table.name}
              </button>
              {table.database !== 'atlas' && (
                <span className="muted"> ({t(`sqlConsole.database.${table.database}`)})</span>
              )}
              {expanded && (
                <ul id={`schema-${key}`} className="sql-schema__columns">
                  {table.columns.map((c) => (
                    <li key={c.name}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onInsert(sqlName(c.name))}
                        title={t('sqlConsole.insert', { name: c.name })}
                      >
                        {c.name}
                      </button>{' '}
                      <span className="muted">{c.type.toLowerCase()}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
