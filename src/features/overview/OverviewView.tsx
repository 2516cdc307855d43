/**
 * Overview: the monthly series (brush it to filter every view to a period) and the leading
 * routes and seizing countries (click rows to filter every other view). Each panel leaves its own
 * selection out of its own query, so its full list or axis stays visible.
 */
import { NotDrawnNote } from '../../components/NotDrawnNote';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { Panel, queryStates } from '../../components/Panel';
import { RankedBars, rankedBarsHeight } from '../../components/RankedBars';
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
import { crossFilterOf, togglePoint, withCrossFilter } from '../../model/viewState';
import { usePrecisionNote } from '../../components/usePrecisionNote';
import { KeyFigures } from './KeyFigures';
import { LatestSurges } from './LatestSurges';
import { MonthlyChart, monthlyChartHeight } from './MonthlyChart';
import { summariseMonthly } from './overview.utils';

const MONTHLY = 'overview.monthly';
const ROUTES = 'overview.routes';
const COUNTRIES = 'overview.countries';

/** The Overview view. */
export function OverviewView() {
  const { coordinator, manifest, store, model, catalogue } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const monthly = useQuery<MonthlyRow>(
    coordinator,
    monthlySeriesQuery(model, state, MONTHLY),
    MONTHLY,
  );
  const routes = useQuery<RouteRow>(
    coordinator,
    topRoutesQuery(model, state, 10, lang, ROUTES),
    ROUTES,
  );
  const countries = useQuery<CountryRow>(
    coordinator,
    topCountriesQuery(model, state, 10, lang, COUNTRIES),
    COUNTRIES,
  );
  const source = t('overview.source', { title: manifest.title });
  const precisionNote = usePrecisionNote('month', MONTHLY);
  const chartHeight = monthlyChartHeight(state.theme);
  const coarseDates = catalogue.precision.time.some((p) => p === 'year' || p === 'unknown');
  const summary =
    monthly.rows && precisionNote.known ? summariseMonthly(monthly.rows, lang, t) : undefined;
  const empty = t('overview.emptyFiltered');

  const routeClause = crossFilterOf(state, ROUTES);
  const selectedRoute =
    routeClause?.kind === 'route' ? [`${routeClause.origin}-${routeClause.destination}`] : [];
  const countryClause = crossFilterOf(state, COUNTRIES);
  const selectedCountries = countryClause?.kind === 'point' ? countryClause.values : [];
  const interval = crossFilterOf(state, MONTHLY);

  const toggleRoute = (key: string) => {
    const [origin = '', destination = ''] = key.split('-');
    const same = selectedRoute[0] === key;
    store.set(
      (s) =>
        withCrossFilter(
          s,
          ROUTES,
          same ? null : { source: ROUTES, kind: 'route', origin, destination },
        ),
      'push',
    );
  };
  const toggleCountry = (iso3: string) =>
    store.set((s) => togglePoint(s, COUNTRIES, 'country', iso3), 'push');

  return (
    <div className="view view--overview">
      <h2 className="visually-hidden">{t('overview.title')}</h2>
      <KeyFigures />
      <Panel
        id="monthly"
        className="panel--wide"
        title={t('overview.monthlyTitle')}
        units={t('overview.monthlyUnits')}
        caption={[t('overview.brushHint'), precisionNote.text, source].filter(Boolean).join(' ')}
        reserve={
          // The chart, and the "by year" button when some records are dated to the year only.
          coarseDates ? `calc(${chartHeight}px + 2.3rem)` : `${chartHeight}px`
        }
        summary={summary}
        {...queryStates(monthly)}
        loading={monthly.loading || !precisionNote.known}
        emptyMessage={empty}
      >
        {monthly.rows && precisionNote.known && (
          <MonthlyChart
            rows={monthly.rows}
            lang={lang}
            interval={interval?.kind === 'interval' ? interval : null}
            onBrush={(range, mode) =>
              store.set(
                (s) =>
                  withCrossFilter(
                    s,
                    MONTHLY,
                    range ? { source: MONTHLY, kind: 'interval', ...range } : null,
                  ),
                mode,
              )
            }
          />
        )}
        <NotDrawnNote kind="undated" client={MONTHLY} />
        {precisionNote.text && (
          <button
            type="button"
            className="button button--quiet"
            data-testid="show-by-year"
            onClick={() => store.set({ view: 'trends', granularity: 'year' }, 'push')}
          >
            {t('precision.showByYear')}
          </button>
        )}
      </Panel>
      <Panel
        id="top-routes"
        title={t('overview.topRoutesTitle')}
        units={t('overview.topRoutesUnits')}
        caption={`${t('overview.selectHint')} ${source}`}
        reserve={rankedBarsHeight(10)}
        {...queryStates(routes)}
        emptyMessage={empty}
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
            selected={selectedRoute}
            onToggle={toggleRoute}
          />
        )}
      </Panel>
      <Panel
        id="top-countries"
        title={t('overview.topCountriesTitle')}
        units={t('overview.topCountriesUnits')}
        caption={`${t('overview.selectHint')} ${source}`}
        reserve={rankedBarsHeight(10)}
        {...queryStates(countries)}
        emptyMessage={empty}
      >
        {countries.rows && (
          <RankedBars
            items={countries.rows.map((c) => ({ key: c.iso3, label: c.name, value: c.firearms }))}
            labelHeader={t('overview.country')}
            valueHeader={t('figures.firearms')}
            lang={lang}
            caption={t('overview.topCountriesTitle')}
            selected={selectedCountries}
            onToggle={toggleCountry}
          />
        )}
      </Panel>
      <LatestSurges />
    </div>
  );
}

export default OverviewView;
