/** Overview: the monthly series and the leading routes and countries. */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../app/AtlasContext';
import { Panel } from '../../components/Panel';
import { RankedBars } from '../../components/RankedBars';
import { useQuery } from '../../db/useQuery';
import {
  monthlySeriesQuery,
  topCountriesQuery,
  topRoutesQuery,
  type CountryRow,
  type MonthlyRow,
  type RouteRow,
} from '../../sql/overview';
import { useViewState } from '../../state/store';
import { MonthlyChart } from './MonthlyChart';
import { summariseMonthly } from './overview.utils';

/** The Overview view. */
export function OverviewView() {
  const { coordinator, manifest, store } = useAtlas();
  const { lang } = useViewState(store);
  const { t } = useTranslation();
  const monthly = useQuery<MonthlyRow>(coordinator, monthlySeriesQuery(), 'overview.monthly');
  const routes = useQuery<RouteRow>(coordinator, topRoutesQuery(10, lang), 'overview.routes');
  const countries = useQuery<CountryRow>(
    coordinator,
    topCountriesQuery(10, lang),
    'overview.countries',
  );
  const source = t('overview.source', { title: manifest.title });
  const summary = monthly.rows ? summariseMonthly(monthly.rows, lang, t) : undefined;

  return (
    <div className="view view--overview">
      <h2 className="visually-hidden">{t('overview.title')}</h2>
      <Panel
        id="monthly"
        className="panel--wide"
        title={t('overview.monthlyTitle')}
        units={t('overview.monthlyUnits')}
        caption={source}
        summary={summary}
        loading={monthly.loading}
        error={monthly.error}
        empty={monthly.rows?.length === 0}
      >
        {monthly.rows && <MonthlyChart rows={monthly.rows} lang={lang} />}
      </Panel>
      <Panel
        id="top-routes"
        title={t('overview.topRoutesTitle')}
        units={t('overview.topRoutesUnits')}
        caption={source}
        loading={routes.loading}
        error={routes.error}
        empty={routes.rows?.length === 0}
      >
        {routes.rows && (
          <RankedBars
            items={routes.rows.map((r) => ({
              key: `${r.origin}-${r.destination}`,
              label: `${r.originName} → ${r.destinationName}`,
              value: r.firearms,
            }))}
            labelHeader={`${t('overview.origin')} → ${t('overview.destination')}`}
            valueHeader={t('figures.firearms')}
            lang={lang}
            caption={t('overview.topRoutesTitle')}
          />
        )}
      </Panel>
      <Panel
        id="top-countries"
        title={t('overview.topCountriesTitle')}
        units={t('overview.topCountriesUnits')}
        caption={source}
        loading={countries.loading}
        error={countries.error}
        empty={countries.rows?.length === 0}
      >
        {countries.rows && (
          <RankedBars
            items={countries.rows.map((c) => ({ key: c.iso3, label: c.name, value: c.firearms }))}
            labelHeader={t('overview.country')}
            valueHeader={t('figures.firearms')}
            lang={lang}
            caption={t('overview.topCountriesTitle')}
          />
        )}
      </Panel>
    </div>
  );
}

export default OverviewView;
