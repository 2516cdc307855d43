/**
 * The recipe, editable: the shape, each column's role (with what its first rows hold), and the
 * options of the shape (what the numbers count, where the year comes from, the default country,
 * a matrix's direction, the indicators and sections to import).
 */
import { ScrollingTable } from '../../components/ScrollingTable';
import { useTranslation } from 'react-i18next';
import { SHAPES, type Recipe } from '../../import/recipe';
import { ROLES, type Role } from '../../model/importRoles';
import type { Opened, Planned } from './protocol';

/** Edits a recipe; every change calls `onChange` with the whole new recipe. */
export function RecipeEditor({
  recipe,
  planned,
  opened,
  onChange,
}: {
  recipe: Recipe;
  planned: Planned;
  opened: Opened;
  onChange: (r: Recipe) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<Recipe>) => onChange({ ...recipe, ...patch });
  const workbook = opened.sheets.some((s) => s.sheet !== null);
  const indicatorColumn = planned.headers.find((h) => recipe.columns[h] === 'indicator');
  const sectionColumn = planned.headers.find((h) => recipe.columns[h] === 'section');
  const distinct = (header: string | undefined) => (header ? (planned.choices[header] ?? []) : []);
  return (
    <section className="panel panel--wide" aria-labelledby="import-layout">
      <h2 id="import-layout" className="panel__title">
        {t('import.layout.title')}
      </h2>
      {opened.reason && <p className="muted">{opened.reason}</p>}
      <div className="toolbar import-options">
        <label className="field">
          <span className="field__label">{t('import.layout.shape')}</span>
          <select
            data-testid="import-shape"
            value={recipe.shape}
            onChange={(e) => set({ shape: e.target.value as Recipe['shape'] })}
          >
            {SHAPES.map((s) => (
              <option key={s} value={s}>
                {t(`import.shapes.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('import.layout.headerLine')}</span>
          <input
            type="number"
            min={1}
            data-testid="import-header-line"
            value={recipe.headerLine ?? planned.headerLine}
            onChange={(e) => set({ headerLine: Math.max(1, Number(e.target.value) || 1) })}
          />
        </label>
        {recipe.shape !== 'events' && (
          <label className="field">
            <span className="field__label">{t('import.layout.counts')}</span>
            <select
              data-testid="import-counts"
              value={recipe.counts}
              onChange={(e) => set({ counts: e.target.value as Recipe['counts'] })}
            >
              <option value="firearms">{t('import.counts.firearms')}</option>
              <option value="seizures">{t('import.counts.seizures')}</option>
            </select>
          </label>
        )}
        {recipe.shape === 'events' && (
          <label className="field">
            <span className="field__label">{t('import.layout.grain')}</span>
            <select
              data-testid="import-grain"
              value={recipe.grain}
              onChange={(e) => set({ grain: e.target.value as Recipe['grain'] })}
            >
              <option value="seizure">{t('import.grain.seizure')}</option>
              <option value="firearm">{t('import.grain.firearm')}</option>
              <option value="trace">{t('import.grain.trace')}</option>
            </select>
          </label>
        )}
        {recipe.shape === 'matrix' && (
          <label className="field">
            <span className="field__label">{t('import.layout.direction')}</span>
            <select
              data-testid="import-direction"
              value={recipe.matrix?.rows ?? 'origin'}
              onChange={(e) =>
                set({
                  matrix: {
                    transposed: recipe.matrix?.transposed ?? [],
                    rows: e.target.value as 'origin' | 'destination' | 'firearmType',
                  },
                })
              }
            >
              <option value="origin">{t('import.direction.origin')}</option>
              <option value="destination">{t('import.direction.destination')}</option>
              <option value="firearmType">{t('import.direction.firearmType')}</option>
            </select>
          </label>
        )}
        {recipe.shape !== 'matrix' && (
          <label className="field">
            <span className="field__label">{t('import.layout.dateOrder')}</span>
            <select
              data-testid="import-date-order-choice"
              value={recipe.dateOrder}
              onChange={(e) => set({ dateOrder: e.target.value as Recipe['dateOrder'] })}
            >
              {(['auto', 'dmy', 'mdy'] as const).map((o) => (
                <option key={o} value={o}>
                  {t(`import.dateOrderChoice.${o}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('import.layout.year')}</span>
          <select
            data-testid="import-year-from"
            value={recipe.year.from}
            onChange={(e) =>
              set({ year: { ...recipe.year, from: e.target.value as Recipe['year']['from'] } })
            }
          >
            {(['column', 'fileName', 'title', 'fixed'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`import.yearFrom.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {recipe.year.from === 'fixed' && (
          <label className="field">
            <span className="field__label">{t('import.layout.fixedYear')}</span>
            <input
              type="number"
              min={1900}
              max={2100}
              value={recipe.year.value ?? ''}
              onChange={(e) =>
                set({ year: { from: 'fixed', value: Number(e.target.value) || null } })
              }
            />
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('import.layout.country')}</span>
          <input
            data-testid="import-country"
            value={recipe.country ?? ''}
            placeholder="MEX"
            maxLength={6}
            size={7}
            onChange={(e) => {
              const v = e.target.value.trim().toUpperCase();
              set({ country: /^[A-Z]{3}$|^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(v) ? v : null });
            }}
          />
        </label>
      </div>
      {workbook && (
        <fieldset className="import-sheets">
          <legend>{t('import.layout.sheets')}</legend>
          {opened.sheets.map((s) => {
            const name = s.sheet ?? '';
            const on = recipe.sheets.length === 0 || recipe.sheets.includes(name);
            return (
              <label key={`${s.file}/${name}`} className="field--check">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => {
                    const all = opened.sheets.map((x) => x.sheet ?? '');
                    const current = recipe.sheets.length ? recipe.sheets : all;
                    const next = on ? current.filter((x) => x !== name) : [...current, name];
                    set({ sheets: next.length === all.length ? [] : next });
                  }}
                />
                {t('import.layout.sheet', {
                  count: s.rows,
                  file: s.file,
                  sheet: name,
                  rows: s.rows.toLocaleString(),
                })}
              </label>
            );
          })}
        </fieldset>
      )}
      {recipe.shape !== 'matrix' && (
        <ScrollingTable label={t('import.layout.roles')} testId="import-roles">
          <caption className="visually-hidden">{t('import.layout.roles')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.layout.column')}</th>
              <th scope="col">{t('import.layout.role')}</th>
              <th scope="col">{t('import.layout.samples')}</th>
            </tr>
          </thead>
          <tbody>
            {planned.headers.map((h, i) => (
              <tr key={h}>
                <th scope="row">{h}</th>
                <td>
                  <select
                    aria-label={t('import.layout.roleOf', { column: h })}
                    data-column={h}
                    value={recipe.columns[h] ?? 'ignore'}
                    onChange={(e) =>
                      set({ columns: { ...recipe.columns, [h]: e.target.value as Role } })
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`import.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{planned.profiles[i]?.samples.join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {recipe.shape === 'wide' && recipe.wide && (
        <p className="muted">
          {t('import.layout.wide', {
            count: recipe.wide.columns.length,
            total: recipe.wide.total ?? t('import.layout.none'),
          })}
        </p>
      )}
      {indicatorColumn && (
        <fieldset>
          <legend>{t('import.layout.indicators')}</legend>
          {distinct(indicatorColumn).map((v) => (
            <label key={v} className="field field--inline">
              <span className="field__label">{v}</span>
              <select
                value={recipe.indicators[v] ?? ''}
                onChange={(e) => {
                  const next = { ...recipe.indicators };
                  if (e.target.value) next[v] = e.target.value as 'firearms' | 'seizures';
                  else delete next[v];
                  set({ indicators: next });
                }}
              >
                <option value="">{t('import.layout.leaveOut')}</option>
                <option value="firearms">{t('import.counts.firearms')}</option>
                <option value="seizures">{t('import.counts.seizures')}</option>
              </select>
            </label>
          ))}
        </fieldset>
      )}
      {recipe.shape === 'sectioned' && sectionColumn && (
        <fieldset>
          <legend>{t('import.layout.sections')}</legend>
          {Object.keys(recipe.sections).map((v) => (
            <label key={v} className="field field--inline">
              <span className="field__label">{v}</span>
              <select
                value={recipe.sections[v]}
                onChange={(e) =>
                  set({ sections: { ...recipe.sections, [v]: e.target.value as Role } })
                }
              >
                {(
                  [
                    'ignore',
                    'origin',
                    'destination',
                    'country',
                    'admin1',
                    'firearmType',
                    'calibre',
                  ] as const
                ).map((r) => (
                  <option key={r} value={r}>
                    {r === 'ignore' ? t('import.layout.leaveOut') : t(`import.roles.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
