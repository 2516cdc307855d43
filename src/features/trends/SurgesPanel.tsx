/** The Trends view's list of surges: each flagged period with its value and its baseline. */
import { useTranslation } from 'react-i18next';
import { Panel } from '../../components/Panel';
import { useAtlas } from '../../context/AtlasContext';
import type { ReadableError } from '../../db/errors';
import { safeCount } from '../../disclosure/safeCounts';
import { SURGE_RULE, type TrendPoint } from '../../sql/trends';
import { useViewState } from '../../state/store';
import { periodLabel } from './trends.utils';

/** Props of `SurgesPanel`. */
export interface SurgesPanelProps {
  surges: readonly TrendPoint[];
  /** The measure's name, the value column's header. */
  unit: string;
  loading: boolean;
  error: ReadableError | undefined;
  safeK: number | null;
}

/** The surges, latest first, under the rule that flags them. */
export function SurgesPanel({ surges, unit, loading, error, safeK }: SurgesPanelProps) {
  const { store } = useAtlas();
  const { lang, granularity } = useViewState(store);
  const { t } = useTranslation();
  return (
    <Panel
      id="trend-surges"
      title={t('trends.surgesTitle')}
      units={t('trends.surgeRule', SURGE_RULE)}
      loading={loading}
      error={error}
      empty={surges.length === 0}
      emptyMessage={t('trends.noSurges')}
    >
      <table className="data-table" data-testid="surges">
        <thead>
          <tr>
            <th scope="col">{t('trends.period')}</th>
            <th scope="col" className="num">
              {unit}
            </th>
            <th scope="col" className="num">
              {t('trends.baseline')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...surges].reverse().map((s) => (
            <tr key={s.period}>
              <td>{periodLabel(s.period, granularity, lang, true)}</td>
              <td className="num">{safeCount(s.value, safeK, lang)}</td>
              <td className="num">
                {s.baseline === null ? '–' : safeCount(Math.round(s.baseline), safeK, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
