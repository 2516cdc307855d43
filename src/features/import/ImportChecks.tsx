/**
 * The checks shown before the user commits: rows read and skipped (and why), the file's own
 * totals against the imported sums, time coverage and gaps, trailing zero periods (excludable),
 * and the names it could not resolve, each fixable in place (a suggestion, a code, or leave out).
 */
import { ScrollingTable } from '../../components/ScrollingTable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIREARM_TYPES } from '../../domain/vocabulary';
import type { Recipe } from '../../import/recipe';
import type { Checks, RowRef, Unresolved } from '../../import/transform';
import { describePlace } from '../../import/types';

const where = (r: RowRef) => describePlace(r);

/** A place name that did not resolve: pick a suggestion, type a code, or leave its rows out. */
function PlaceFix({ u, onFix }: { u: Unresolved; onFix: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  return (
    <tr>
      <th scope="row">{u.text}</th>
      <td>{u.rows.toLocaleString()}</td>
      <td>
        <select
          aria-label={t('import.checks.fixPlace', { text: u.text })}
          defaultValue=""
          onChange={(e) => e.target.value && onFix(e.target.value)}
        >
          <option value="">{t('import.checks.choose')}</option>
          {u.suggestions.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label} ({s.code})
            </option>
          ))}
        </select>{' '}
        <input
          aria-label={t('import.checks.typeCode', { text: u.text })}
          placeholder="ISO3 / ISO 3166-2"
          size={10}
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && /^[A-Z]{3}$|^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code)) onFix(code);
          }}
        />
      </td>
    </tr>
  );
}

/** The checks of a planned import. */
export function ImportChecks({
  checks,
  recipe,
  onChange,
}: {
  checks: Checks;
  recipe: Recipe;
  onChange: (r: Recipe) => void;
}) {
  const { t } = useTranslation();
  const fix = (kind: 'places' | 'types', text: string, value: string) =>
    onChange({
      ...recipe,
      fixes: { ...recipe.fixes, [kind]: { ...recipe.fixes[kind], [text]: value } },
    });
  const wrong = checks.totals.filter((x) => x.expected !== x.actual);
  const c = checks.coverage;
  return (
    <section
      className="panel panel--wide"
      aria-labelledby="import-checks"
      data-testid="import-checks"
    >
      <h2 id="import-checks" className="panel__title">
        {t('import.checks.title')}
      </h2>
      <p data-testid="import-sums">
        {t('import.checks.sums', {
          count: checks.rowsRead,
          rows: checks.rowsRead.toLocaleString(),
          seizures: t('import.checks.seizureCount', {
            count: checks.sums.seizures,
            formatted: checks.sums.seizures.toLocaleString(),
          }),
          firearms: t('import.checks.firearmCount', {
            count: checks.sums.firearms,
            formatted: checks.sums.firearms.toLocaleString(),
          }),
        })}
      </p>
      {checks.sums.items > checks.sums.firearms && (
        <p data-testid="import-items">
          {t('import.checks.items', {
            items: checks.sums.items.toLocaleString(),
            others: (checks.sums.items - checks.sums.firearms).toLocaleString(),
            list: Object.entries(checks.sums.byCategory)
              .filter(([, v]) => v)
              .map(([k, v]) => `${t(`import.category.${k}`)} ${v.toLocaleString()}`)
              .join(', '),
          })}
        </p>
      )}
      {checks.undated.count > 0 && (
        <p className="notice notice--warning" data-testid="import-undated">
          {t('import.checks.undated', {
            count: checks.undated.count,
            formatted: checks.undated.count.toLocaleString(),
          })}{' '}
          <span className="muted">{checks.undated.examples.slice(0, 3).map(where).join('; ')}</span>
        </p>
      )}
      {checks.unplaced.count > 0 && (
        <p className="notice notice--warning" data-testid="import-unplaced">
          {t('import.checks.unplaced', {
            count: checks.unplaced.count,
            formatted: checks.unplaced.count.toLocaleString(),
          })}{' '}
          <span className="muted">
            {checks.unplaced.examples.slice(0, 3).map(where).join('; ')}
          </span>
        </p>
      )}
      {checks.dateOrder && (
        <p data-testid="import-date-order">
          {t(`import.checks.dateOrder.${checks.dateOrder.order}`)}{' '}
          {t(`import.checks.dateOrderBy.${checks.dateOrder.decided}`)}
        </p>
      )}
      {checks.bases.length > 0 && (
        <p data-testid="import-bases">
          {t('import.checks.bases', {
            list: checks.bases
              .slice(0, 12)
              .map((b) => `${b.text} → ${t(`vocab.basis.${b.basis}`)} (${b.rows.toLocaleString()})`)
              .join('; '),
          })}
        </p>
      )}
      {checks.skipped.length > 0 && (
        <ul className="import-skips">
          {checks.skipped.map((s) => (
            <li key={s.reason}>
              {t(`import.skip.${s.reason}`, { count: s.count })}{' '}
              <span className="muted">{s.examples.slice(0, 3).map(where).join('; ')}</span>
            </li>
          ))}
        </ul>
      )}
      <p
        data-testid="import-totals"
        className={wrong.length ? 'notice notice--warning' : undefined}
      >
        {checks.totals.length === 0
          ? t('import.checks.noTotals')
          : t('import.checks.totals', {
              count: checks.totals.length,
              equal: checks.totals.length - wrong.length,
            })}
      </p>
      {wrong.length > 0 && (
        <ScrollingTable label={t('import.checks.differences')} testId="import-differences">
          <caption className="visually-hidden">{t('import.checks.differences')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.checks.total')}</th>
              <th scope="col">{t('import.checks.where')}</th>
              <th scope="col">{t('import.checks.fileSays')}</th>
              <th scope="col">{t('import.checks.imported')}</th>
              <th scope="col">{t('import.checks.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {wrong.slice(0, 50).map((x, i) => (
              <tr key={i}>
                <td>{x.label}</td>
                <td>{where(x.where)}</td>
                <td>{x.expected.toLocaleString()}</td>
                <td>{x.actual.toLocaleString()}</td>
                <td>{(x.actual - x.expected).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {c.from && (
        <p data-testid="import-coverage">
          {t('import.checks.coverage', {
            from: c.from,
            to: c.to,
            count: c.periods,
            precision: t(`import.precision.${c.precision}`),
          })}{' '}
          {c.gaps.length > 0
            ? t('import.checks.gaps', {
                count: c.gaps.length,
                list: c.gaps.slice(0, 12).join(', '),
              })
            : t('import.checks.noGaps')}
        </p>
      )}
      {checks.trailingZeros.length > 0 && (
        <div className="notice notice--warning" data-testid="import-trailing">
          <p>{t('import.checks.trailing', { count: checks.trailingZeros.length })}</p>
          <ul>
            {checks.trailingZeros.slice(0, 8).map((z) => (
              <li key={z.series}>
                {z.series}: {z.periods.join(', ')}
              </li>
            ))}
          </ul>
          <label className="field--check">
            <input
              type="checkbox"
              data-testid="import-exclude-trailing"
              checked={recipe.excludeTrailingZeros}
              onChange={(e) => onChange({ ...recipe, excludeTrailingZeros: e.target.checked })}
            />
            {t('import.checks.excludeTrailing')}
          </label>
        </div>
      )}
      {checks.notices.map((n) => (
        <p key={n} className="notice">
          {n}
        </p>
      ))}
      {checks.places.length > 0 && (
        <ScrollingTable label={t('import.checks.places')} testId="import-unresolved-places">
          <caption>{t('import.checks.places')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.checks.name')}</th>
              <th scope="col">{t('import.checks.rows')}</th>
              <th scope="col">{t('import.checks.fix')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.places.slice(0, 100).map((u) => (
              <PlaceFix key={u.text} u={u} onFix={(code) => fix('places', u.text, code)} />
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {checks.types.length > 0 && (
        <ScrollingTable label={t('import.checks.types')} testId="import-unresolved-types">
          <caption>{t('import.checks.types')}</caption>
          <tbody>
            {checks.types.slice(0, 100).map((u) => (
              <tr key={u.text}>
                <th scope="row">{u.text}</th>
                <td>{u.rows.toLocaleString()}</td>
                <td>
                  <select
                    aria-label={t('import.checks.fixType', { text: u.text })}
                    value={recipe.fixes.types[u.text] ?? '-'}
                    onChange={(e) => fix('types', u.text, e.target.value)}
                  >
                    <option value="-" disabled>
                      {t('import.checks.choose')}
                    </option>
                    {FIREARM_TYPES.map((ty) => (
                      <option key={ty} value={ty}>
                        {t(`vocab.firearm_type.${ty}`)}
                      </option>
                    ))}
                    <option value="">{t('import.layout.leaveOut')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {checks.calibres.length > 0 && (
        <p className="muted">
          {t('import.checks.calibres', {
            list: checks.calibres
              .slice(0, 20)
              .map((x) => x.text)
              .join(', '),
          })}
        </p>
      )}
    </section>
  );
}
