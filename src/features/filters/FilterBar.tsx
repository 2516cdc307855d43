/**
 * The filter bar: a searchable multi-select per field (with counts from DuckDB), a date range,
 * chips for every active filter and cross-filter with one-click removal, "Clear all" and
 * "Copy link". Every change is a deliberate action and pushes a history entry.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { useQuery } from '../../db/useQuery';
import { formatNumber } from '../../i18n';
import { facetQuery, type FacetRow } from '../../sql/facets';
import { hasField } from '../../model/catalogue';
import { FIELDS, FIELD_IDS, fieldSpec, type FieldId } from '../../model/fields';
import { useViewState } from '../../state/store';
import { clearFilters, hasActiveFilters, withFilter } from '../../model/viewState';
import { chipsOf, fieldLabel, valueLabel, type Names } from '../../context/filterText';
import { MultiSelect, type Option } from './MultiSelect';
import { useNames } from '../../context/useNames';

/** One field's multi-select, loading its facet counts when opened. */
function FieldSelect({ field, names }: { field: FieldId; names: Names }) {
  const { coordinator, store, model } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const facet = useQuery<FacetRow>(
    coordinator,
    opened ? facetQuery(model, state, field, state.lang) : null,
    `facet.${field}`,
  );
  const selected = state.filters[field];
  const options: Option[] = (facet.rows ?? []).map((r) => ({
    value: r.value,
    label: r.label ?? valueLabel(field, r.value, names, t),
    count: r.count,
  }));
  for (const v of selected) {
    if (!options.some((o) => o.value === v))
      options.unshift({ value: v, label: valueLabel(field, v, names, t), count: 0 });
  }
  const grain = FIELDS[field].grain;
  const unit =
    grain === 'firearm'
      ? 'filters.countFirearms'
      : grain === 'trace'
        ? 'filters.countTraces'
        : 'filters.countSeizures';
  return (
    <MultiSelect
      label={fieldLabel(field, names, t)}
      options={opened ? options : undefined}
      selected={selected}
      loading={facet.loading}
      lang={state.lang}
      countUnit={(n) => t(unit, { count: n, formatted: formatNumber(n, state.lang) })}
      onOpen={() => setOpened(true)}
      onChange={(values) => store.set((s) => withFilter(s, field, values), 'push')}
      testId={`filter-${field}`}
    />
  );
}

/**
 * The filter bar: time range, the dataset's fields, chips, the link to copy, and `actions` (the
 * shell puts the briefing's buttons there).
 */
export function FilterBar({ actions }: { actions?: ReactNode }) {
  const { store, manifest, catalogue } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const names = useNames(state.lang);
  // The dataset's own fields, in the registry's order: primary ones first, the rest behind "More".
  const fields = FIELD_IDS.filter((f) => hasField(catalogue, f));
  const primary = fields.filter((f) => fieldSpec(f).primary);
  const secondary = fields.filter((f) => !fieldSpec(f).primary);
  const [more, setMore] = useState(() => secondary.some((f) => state.filters[f].length > 0));
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const chips = chipsOf(state, names, t, fields);
  const { from: minDate, to: maxDate } = manifest.dateRange;

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  const setTime = (key: 'from' | 'to', value: string) =>
    store.set((s) => ({ ...s, time: { ...s.time, [key]: value || null } }), 'push');

  return (
    <section className="filterbar" aria-label={t('filters.label')}>
      <div className="filterbar__controls">
        <label className="field field--inline">
          <span className="field__label">{t('filters.from')}</span>
          <input
            type="date"
            min={minDate}
            max={state.time.to ?? maxDate}
            value={state.time.from ?? ''}
            onChange={(e) => setTime('from', e.target.value)}
          />
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('filters.to')}</span>
          <input
            type="date"
            min={state.time.from ?? minDate}
            max={maxDate}
            value={state.time.to ?? ''}
            onChange={(e) => setTime('to', e.target.value)}
          />
        </label>
        {primary.map((f) => (
          <FieldSelect key={f} field={f} names={names} />
        ))}
        {more && secondary.map((f) => <FieldSelect key={f} field={f} names={names} />)}
        {secondary.length > 0 && (
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={more}
            onClick={() => setMore((m) => !m)}
          >
            {more ? t('filters.fewer') : t('filters.more')}
          </button>
        )}
        <span className="filterbar__spacer" />
        <button type="button" className="button" onClick={() => void copyLink()}>
          {t('filters.copyLink')}
        </button>
        {actions}
      </div>
      {copy !== 'idle' && (
        <p className="filterbar__copied" role="status">
          {copy === 'copied' ? (
            t('filters.copied')
          ) : (
            <label>
              {t('filters.copyFailed')}{' '}
              <input
                readOnly
                value={window.location.href}
                onFocus={(e) => e.target.select()}
                size={60}
              />
            </label>
          )}
        </p>
      )}
      <div className="filterbar__chips" aria-label={t('filters.active')} role="group">
        {chips.length === 0 ? (
          <span className="muted">{t('filters.none')}</span>
        ) : (
          <>
            {chips.map((c) => (
              <span key={c.id} className={`chip ${c.cross ? 'chip--cross' : ''}`} data-chip={c.id}>
                <span className="chip__text">{c.text}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('filters.remove', { what: c.text })}
                  onClick={() => store.set(c.remove, 'push')}
                >
                  ×
                </button>
              </span>
            ))}
            {hasActiveFilters(state) && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => store.set(clearFilters, 'push')}
              >
                {t('filters.clearAll')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}
