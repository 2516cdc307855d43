/** The Overview's latest surges: months where a country's seizures jumped well above its baseline. */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { Panel, queryStates } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatDate } from '../../i18n';
import { safeCount, useSafeK } from '../../disclosure/safeCounts';
import { SURGE_RULE, latestSurgesQuery, type SurgeRow } from '../../sql/trends';
import { useViewState } from '../../state/store';
import { withFilter } from '../../model/viewState';

/** The latest surges panel. */
export function LatestSurges() {
  const { coordinator, store, manifest, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const safeK = useSafeK();
  const small = (v: number) => safeCount(v, safeK, lang);
  const surges = useQuery<SurgeRow>(
    coordinator,
    latestSurgesQuery(model, state, undefined, 8, lang),
    'overview.surges',
  );
  return (
    <Panel
      id="latest-surges"
      title={t('overview.surgesTitle')}
      units={t('overview.surgesUnits')}
      caption={`${t('trends.surgeRule', SURGE_RULE)} ${t('overview.source', { title: manifest.title })}`}
      {...queryStates(surges)}
      emptyMessage={t('trends.noSurges')}
    >
      <table className="data-table" data-testid="latest-surges">
        <thead>
          <tr>
            <th scope="col">{t('overview.country')}</th>
            <th scope="col">{t('trends.period')}</th>
            <th scope="col" className="num">
              {t('figures.seizures')}
            </th>
            <th scope="col" className="num">
              {t('overview.baselineShort')}
            </th>
          </tr>
        </thead>
        <tbody>
          {(surges.rows ?? []).map((s) => (
            <tr key={`${s.iso3}-${s.period}`}>
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => store.set((st) => withFilter(st, 'country', [s.iso3]), 'push')}
                >
                  {s.name}
                </button>
              </td>
              <td>{formatDate(s.period, lang, { year: 'numeric', month: 'long' })}</td>
              <td className="num">{small(s.value)}</td>
              <td className="num">{small(Math.round(s.baseline * 10) / 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
