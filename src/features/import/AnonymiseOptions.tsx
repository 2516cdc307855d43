/**
 * "Anonymise before importing": the choices (salt, k, date precision) and, once files are read,
 * what the anonymiser did to each sheet. The salt lives in this component's state only: never
 * stored, never in a link, gone with the page.
 */
import { useTranslation } from 'react-i18next';
import {
  ANON_DATE_PRECISIONS,
  type AnonDatePrecision,
  type AnonymisedSheet,
} from '../../import/anonymise';

/** The user's choices. */
export interface AnonymiseChoice {
  on: boolean;
  salt: string;
  k: number;
  datePrecision: AnonDatePrecision;
}

/** The starting choice: off. */
export const ANONYMISE_OFF: AnonymiseChoice = { on: false, salt: '', k: 5, datePrecision: 'month' };

/** The shortest salt accepted (it keys the serial-number hashes). */
export const MIN_SALT = 8;

/** The option's controls. */
export function AnonymiseControls(props: {
  value: AnonymiseChoice;
  onChange: (v: AnonymiseChoice) => void;
}) {
  const { t } = useTranslation();
  const { value, onChange } = props;
  return (
    <fieldset className="import-anon" data-testid="import-anon">
      <legend>{t('import.anon.legend')}</legend>
      <label className="import-anon__toggle">
        <input
          type="checkbox"
          data-testid="import-anonymise"
          checked={value.on}
          onChange={(e) => onChange({ ...value, on: e.target.checked })}
        />{' '}
        {t('import.anon.on')}
      </label>
      {value.on && (
        <>
          <p className="muted">{t('import.anon.help')}</p>
          <div className="toolbar">
            <label className="field">
              <span className="field__label">{t('import.anon.salt')}</span>
              <input
                type="password"
                autoComplete="off"
                data-testid="import-anon-salt"
                value={value.salt}
                aria-invalid={value.salt.length < MIN_SALT || undefined}
                onChange={(e) => onChange({ ...value, salt: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field__label">{t('import.anon.k')}</span>
              <input
                type="number"
                min={2}
                max={50}
                value={value.k}
                onChange={(e) =>
                  onChange({ ...value, k: Math.min(50, Math.max(2, Number(e.target.value) || 5)) })
                }
              />
            </label>
            <label className="field">
              <span className="field__label">{t('import.anon.datePrecision')}</span>
              <select
                value={value.datePrecision}
                onChange={(e) =>
                  onChange({ ...value, datePrecision: e.target.value as AnonDatePrecision })
                }
              >
                {ANON_DATE_PRECISIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`import.anon.precision.${p}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {value.salt.length < MIN_SALT && (
            <p className="muted" role="note">
              {t('import.anon.saltShort', { n: MIN_SALT })}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}

/** What the anonymiser did, sheet by sheet. */
export function AnonymisationSummary({ reports }: { reports: AnonymisedSheet['report'][] }) {
  const { t } = useTranslation();
  return (
    <div className="notice" data-testid="import-anon-report">
      {reports.map((r) => (
        <div key={`${r.file}/${r.sheetName ?? ''}`}>
          <p>
            <strong>{r.sheetName ? `${r.file} › ${r.sheetName}` : r.file}</strong>:{' '}
            {t('import.anon.summary', {
              rows: r.rows.toLocaleString(),
              k: r.k,
              precision: t(`import.anon.precision.${r.level.datePrecision}`),
              grid: r.level.gridKm
                ? t('import.anon.gridKm', { km: r.level.gridKm })
                : t('import.anon.noGrid'),
              suppressed: r.suppressed.toLocaleString(),
              hashed: r.hashedSerials.toLocaleString(),
              smallest: r.smallestClass ?? '—',
            })}
          </p>
          <ul>
            {r.columns
              .filter((c) => c.action !== 'keep')
              .map((c) => (
                <li key={c.column}>
                  <code>{c.column}</code>: {t(`import.anon.action.${c.action}`)}
                  {c.action === 'drop' ? ` (${c.reason})` : ''}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
