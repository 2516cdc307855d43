/**
 * A ranked list drawn as a table with proportional bars: readable by screen readers, legible on
 * a projector, and — when `onToggle` is given — each row is a toggle button that cross-filters.
 */
import { formatNumber } from '../i18n';
import { isHidden, protectList, safeText, useSafeK } from '../disclosure/safeCounts';

/** One ranked item. */
export interface RankedItem {
  key: string;
  label: string;
  value: number;
}

/** Props of `RankedBars`. */
export interface RankedBarsProps {
  items: readonly RankedItem[];
  labelHeader: string;
  valueHeader: string;
  lang: string;
  caption: string;
  selected?: readonly string[];
  onToggle?: (key: string) => void;
  /** Formats values (default: a localised number). */
  format?: (value: number) => string;
  /** Scale bars to this maximum instead of the largest value (e.g. 1 for shares). */
  max?: number;
  /**
   * The values are counts (the default): with briefing-safe counts on, small ones show as "< k"
   * and others are hidden so that none can be worked out from the total. Shares are not counts.
   */
  counts?: boolean;
}

/**
 * The height a ranked table of `rows` rows takes (header and rows, one line each), for a panel
 * to keep while its rows load.
 */
export function rankedBarsHeight(rows: number): string {
  // Each row is one line (1.45) plus 0.6rem of padding; the header is a smaller line.
  return `calc(${rows} * (1.45em + 0.6rem) + 0.8rem * 1.45 + 0.6rem + 1px)`;
}

/** Renders the ranked table. */
export function RankedBars(props: RankedBarsProps) {
  const { items, labelHeader, valueHeader, lang, caption, selected = [], onToggle } = props;
  const k = useSafeK();
  const safe = props.counts === false ? null : k;
  const status = protectList(
    items.map((i) => i.value),
    safe,
  );
  const max = props.max ?? Math.max(1, ...items.map((i, n) => (isHidden(status[n]) ? 0 : i.value)));
  const format = props.format ?? ((v: number) => formatNumber(v, lang));
  const anySelected = selected.length > 0;
  return (
    <table className={`ranked ${anySelected ? 'ranked--has-selection' : ''}`}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col" className="ranked__value">
            {valueHeader}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, n) => {
          const isSelected = selected.includes(item.key);
          // A hidden count draws no bar: its length would give the number away.
          const bar = isHidden(status[n]) ? null : (
            <span
              className="ranked__bar"
              style={{ width: `${(item.value / max) * 100}%` }}
              aria-hidden="true"
            />
          );
          return (
            <tr key={item.key} data-key={item.key} data-selected={isSelected || undefined}>
              <th scope="row" className="ranked__label">
                {bar}
                {onToggle ? (
                  <button
                    type="button"
                    className="ranked__toggle"
                    aria-pressed={isSelected}
                    onClick={() => onToggle(item.key)}
                  >
                    {item.label}
                  </button>
                ) : (
                  <span className="ranked__text">{item.label}</span>
                )}
              </th>
              <td
                className="ranked__value"
                data-safe={status[n] === 'shown' ? undefined : status[n]}
              >
                {safeText(item.value, status[n], safe, lang, format)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
