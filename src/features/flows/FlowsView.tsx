/**
 * Flows: two Sankey diagrams. Where arms move — suspected origin → transit → intended destination
 * (firearms) — and where they left the legal market — country of manufacture → diversion point
 * → country of recovery (traced firearms). Each stage has its own nodes, small flows are grouped,
 * and a cycle can never blank a chart. Clicking a node or a route link filters every other view.
 */
import { useTranslation } from 'react-i18next';
import { PlaceLevelSelect, usePlaceLevel } from '../../components/PlaceLevelSelect';
import { useAtlas } from '../../context/AtlasContext';
import { Panel } from '../../components/Panel';
import { useQuery } from '../../db/useQuery';
import { formatNumber, formatPercent } from '../../i18n';
import { diversionStagesQuery, routeStagesQuery, type StageLinkRow } from '../../sql/sankey';
import type { FieldId } from '../../model/fields';
import { useViewState } from '../../state/store';
import { crossFilterOf, withCrossFilter } from '../../model/viewState';
import { THEME_TOKENS } from '../../theme/tokens';
import { useNames } from '../../context/useNames';
import { DIRECT, OTHER, buildSankey } from '../../components/sankey';
import { SankeyChart } from '../../components/SankeyChart';

/** The columns of the route Sankey, in order. */
const ROUTE_STAGES = ['origin', 'transit', 'destination'];

const CLIENT = 'flows.sankey';
const MIN_SHARE = 0.012;
const STAGE_FIELD: Record<string, FieldId | undefined> = {
  origin: 'origin',
  transit: 'transit',
  destination: 'destination',
  recovery: 'country',
};

/** The Flows view. */
export function FlowsView() {
  const { coordinator, store, manifest, model } = useAtlas();
  const state = useViewState(store);
  const { lang } = state;
  const { t } = useTranslation();
  const tokens = THEME_TOKENS[state.theme];
  const names = useNames(lang);
  const level = usePlaceLevel();
  const routes = useQuery<StageLinkRow>(
    coordinator,
    routeStagesQuery(model, state, CLIENT, level),
    'flows.routes',
  );
  const diversion = useQuery<StageLinkRow>(
    coordinator,
    diversionStagesQuery(model, state, CLIENT),
    'flows.diversion',
  );

  const label = (stage: string, code: string) => {
    if (code === DIRECT) return t('flows.direct');
    if (code === OTHER) return t('flows.other', { stage: t(`flows.stage.${stage}`).toLowerCase() });
    if (stage === 'diversion') return t(`vocab.diversion_point.${code}`);
    return names.iso3.get(code) ?? code;
  };
  const routeSankey = routes.rows ? buildSankey(routes.rows, MIN_SHARE, label, ROUTE_STAGES) : null;
  const diversionSankey = diversion.rows ? buildSankey(diversion.rows, MIN_SHARE, label) : null;

  const clause = crossFilterOf(state, CLIENT);
  const selected = (stage: string, code: string) => {
    if (!clause) return false;
    if (clause.kind === 'point')
      return STAGE_FIELD[stage] === clause.field && clause.values.includes(code);
    if (clause.kind === 'leg') return code === clause.origin || code === clause.destination;
    return false;
  };
  const onNode = (stage: string, code: string) => {
    const field = STAGE_FIELD[stage];
    if (!field || code === OTHER || code === DIRECT) return;
    const same =
      clause?.kind === 'point' &&
      clause.field === field &&
      clause.values.length === 1 &&
      clause.values[0] === code;
    store.set(
      (s) =>
        withCrossFilter(
          s,
          CLIENT,
          same ? null : { source: CLIENT, kind: 'point', field, values: [code] },
        ),
      'push',
    );
  };
  const onLink = (from: { stage: string; code: string }, to: { stage: string; code: string }) => {
    if (
      from.code === OTHER ||
      to.code === OTHER ||
      from.code === DIRECT ||
      to.code === DIRECT ||
      from.code === to.code ||
      !STAGE_FIELD[from.stage] ||
      from.stage === 'recovery'
    )
      return;
    const same =
      clause?.kind === 'leg' && clause.origin === from.code && clause.destination === to.code;
    store.set(
      (s) =>
        withCrossFilter(
          s,
          CLIENT,
          same ? null : { source: CLIENT, kind: 'leg', origin: from.code, destination: to.code },
        ),
      'push',
    );
  };
  const colours = {
    origin: tokens.series[1]!,
    transit: tokens.series[3]!,
    destination: tokens.series[0]!,
    manufacture: tokens.series[5]!,
    diversion: tokens.series[2]!,
    recovery: tokens.series[0]!,
  };
  const height = tokens.fontSize * 34;
  const note = (s: ReturnType<typeof buildSankey> | null) =>
    s
      ? `${t('flows.simplified', {
          count: s.grouped,
          share: formatPercent(MIN_SHARE, lang, 1),
          grouped: formatNumber(s.grouped, lang),
        })} ${t('flows.cyclesLeftOut', {
          count: s.droppedForCycles,
          cycles: formatNumber(s.droppedForCycles, lang),
        })}`
      : '';

  return (
    <div className="view view--flows">
      <div className="panel--wide view-controls">
        <PlaceLevelSelect />
      </div>
      <Panel
        id="route-sankey"
        reserve={`${height}px`}
        className="panel--wide"
        title={t('flows.routesTitle')}
        units={t('flows.routesUnits')}
        caption={`${note(routeSankey)} ${t('flows.clickHint')} ${t('overview.source', { title: manifest.title })}`}
        summary={
          routeSankey
            ? t('flows.summary', {
                count: routeSankey.links.length,
                links: formatNumber(routeSankey.links.length, lang),
                nodes: t('flows.nodeCount', {
                  count: routeSankey.nodes.length,
                  formatted: formatNumber(routeSankey.nodes.length, lang),
                }),
              })
            : undefined
        }
        loading={routes.loading}
        error={routes.error}
        empty={routeSankey?.links.length === 0}
        emptyMessage={t('overview.emptyFiltered')}
      >
        {routeSankey && routeSankey.links.length > 0 && (
          <SankeyChart
            data={routeSankey}
            tokens={tokens}
            lang={lang}
            height={height}
            stageColours={colours}
            selected={selected}
            onNode={onNode}
            onLink={onLink}
            testId="route-sankey"
          />
        )}
      </Panel>
      <Panel
        id="diversion-sankey"
        reserve={`${height}px`}
        className="panel--wide"
        title={t('flows.diversionTitle')}
        units={t('flows.diversionUnits')}
        caption={`${note(diversionSankey)} ${t('flows.diversionHint')} ${t('overview.source', { title: manifest.title })}`}
        loading={diversion.loading}
        error={diversion.error}
        empty={diversionSankey?.links.length === 0}
        emptyMessage={t('flows.noTraces')}
      >
        {diversionSankey && diversionSankey.links.length > 0 && (
          <SankeyChart
            data={diversionSankey}
            tokens={tokens}
            lang={lang}
            height={height}
            stageColours={colours}
            selected={selected}
            onNode={onNode}
            testId="diversion-sankey"
          />
        )}
      </Panel>
    </div>
  );
}

export default FlowsView;
