/**
 * A ranked list drawn as a table with proportional bars: readable by screen readers, clickable,
 * and legible on a projector. Used where a chart would be a sorted bar chart.
 */
import { formatNumber } from '../i18n';

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
}

/** Renders the ranked table. */
export function RankedBars({ items, labelHeader, valueHeader, lang, caption }: RankedBarsProps) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <table className="ranked">
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
        {items.map((item) => (
          <tr key={item.key} data-key={item.key}>
            <th scope="row" className="ranked__label">
              <span
                className="ranked__bar"
                style={{ width: `${(item.value / max) * 100}%` }}
                aria-hidden="true"
              />
              <span className="ranked__text">{item.label}</span>
            </th>
            <td className="ranked__value">{formatNumber(item.value, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
