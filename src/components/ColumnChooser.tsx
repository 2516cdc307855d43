/** Which columns a table shows: a disclosure with one checkbox per column (at least one stays). */
import { useTranslation } from 'react-i18next';

/** The column chooser. */
export function ColumnChooser({
  columns,
  visible,
  onChange,
}: {
  columns: readonly { id: string; header: string }[];
  visible: readonly string[];
  onChange: (visible: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <details className="column-chooser">
      <summary>{t('table.columns', { shown: visible.length, total: columns.length })}</summary>
      <fieldset>
        <legend className="visually-hidden">{t('table.chooseColumns')}</legend>
        {columns.map((c) => {
          const on = visible.includes(c.id);
          return (
            <label key={c.id} className="column-chooser__item">
              <input
                type="checkbox"
                checked={on}
                disabled={on && visible.length === 1}
                onChange={() =>
                  onChange(
                    on
                      ? visible.filter((v) => v !== c.id)
                      : columns
                          .map((x) => x.id)
                          .filter((id) => id === c.id || visible.includes(id)),
                  )
                }
              />
              {c.header}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
