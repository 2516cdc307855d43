/**
 * A searchable multi-select in the ARIA "select-only combobox" pattern: a button with role
 * `combobox` named after its field opens a list of options (with counts from DuckDB) and a search
 * box. Keyboard: Enter, Space or ↓ open; ↑ ↓ move; Enter or Space toggle; Escape closes.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';

/** One option. */
export interface Option {
  value: string;
  label: string;
  count?: number;
}

/** Props of the multi-select. */
export interface MultiSelectProps {
  /** Accessible name and visible label, e.g. "Country". */
  label: string;
  options: readonly Option[] | undefined;
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Called when the list opens, so options can be loaded lazily. */
  onOpen?: () => void;
  loading?: boolean;
  countUnit: (count: number) => string;
  lang: string;
  testId?: string;
}

/** The multi-select. */
export function MultiSelect(props: MultiSelectProps) {
  const { label, options, selected, onChange, onOpen, loading, countUnit, lang } = props;
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(lang);
    const list = options ?? [];
    return q
      ? list.filter(
          (o) => o.label.toLocaleLowerCase(lang).includes(q) || o.value.toLowerCase() === q,
        )
      : list;
  }, [options, query, lang]);

  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    search.current?.focus();
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  const openList = () => {
    setOpen(true);
    setQuery('');
    setActive(0);
    onOpen?.();
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(shown.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const o = shown[active];
      if (o) toggle(o.value);
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className="multiselect" ref={root} data-testid={props.testId}>
      <button
        ref={button}
        type="button"
        role="combobox"
        aria-label={label}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={listId}
        className={`multiselect__button ${selected.length ? 'multiselect__button--active' : ''}`}
        onClick={() => (open ? close() : openList())}
        onKeyDown={(e) => {
          if (!open && (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            openList();
          }
        }}
      >
        {label}
        {selected.length > 0 && <span className="multiselect__count">{selected.length}</span>}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="multiselect__popup" onKeyDown={onKey}>
          <input
            ref={search}
            type="search"
            className="multiselect__search"
            aria-label={t('filters.search', { field: label })}
            aria-controls={listId}
            aria-activedescendant={shown[active] ? optionId(active) : undefined}
            placeholder={t('filters.search', { field: label })}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
          />
          <ul
            id={listId}
            role="listbox"
            aria-label={label}
            aria-multiselectable="true"
            aria-busy={loading}
            className="multiselect__list"
          >
            {shown.map((o, i) => {
              const isSelected = selected.includes(o.value);
              return (
                <li
                  key={o.value}
                  id={optionId(i)}
                  role="option"
                  aria-selected={isSelected}
                  className={`multiselect__option ${i === active ? 'multiselect__option--active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => toggle(o.value)}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className="multiselect__check" aria-hidden="true">
                    {isSelected ? '☑' : '☐'}
                  </span>
                  <span className="multiselect__label">{o.label}</span>
                  {o.count !== undefined && (
                    <span className="multiselect__n" title={countUnit(o.count)}>
                      {formatNumber(o.count, lang)}
                    </span>
                  )}
                </li>
              );
            })}
            {!loading && shown.length === 0 && (
              <li className="multiselect__empty">{t('filters.noOptions')}</li>
            )}
            {loading && shown.length === 0 && (
              <li className="multiselect__empty">{t('state.loading')}</li>
            )}
          </ul>
        </div>
      )}
    </div>
  );
}
