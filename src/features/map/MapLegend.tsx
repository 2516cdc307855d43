/** The map's legend: what arc width and colour mean, what was not drawn, the hotspot ramp. */
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';
import type { FlowRow } from '../../sql/routes';
import type { MapLayers } from '../../model/viewState';
import type { ThemeTokens } from '../../theme/tokens';
import { arcWidth, regionColour } from './layers';
import { isSmallCount, safeText, useSafeK } from '../../disclosure/safeCounts';

/** Props of the legend. */
export interface MapLegendProps {
  drawn: readonly FlowRow[];
  rest: FlowRow | undefined;
  layers: MapLayers;
  tokens: ThemeTokens;
  projector: boolean;
  lang: string;
  hotspotMax: number | null;
  /** Briefing-safe counts hid some flows: what is not drawn is not written either. */
  restHidden?: boolean;
  /**
   * The weight the arcs' widths are scaled to (in playback, the largest of every period, so a
   * width means the same from step to step); the largest drawn flow's by default.
   */
  scaleMax?: number;
}

/** The legend. */
export function MapLegend({
  drawn,
  rest,
  layers,
  tokens,
  projector,
  lang,
  hotspotMax,
  restHidden = false,
  scaleMax,
}: MapLegendProps) {
  const { t } = useTranslation();
  const safeK = useSafeK();
  /** A count of the legend's rest: "< k" under the threshold, read as k for the plural form. */
  const restCount = (v: number) => {
    const under = isSmallCount(v, safeK);
    return { count: under ? safeK : v, n: safeText(v, under ? 'primary' : 'shown', safeK, lang) };
  };
  const value = (f: FlowRow) => (layers.weight === 'firearms' ? f.firearms : f.seizures);
  const max = Math.max(0, ...drawn.map(value));
  const unit = t(`map.weight.${layers.weight}`).toLowerCase();
  const regions = [...new Set(drawn.flatMap((f) => [f.srcRegion, f.dstRegion]))];
  return (
    <div className="map-legend" data-testid="map-legend">
      <p className="map-legend__title">
        {t(layers.mode === 'legs' ? 'map.legend.legs' : 'map.legend.routes')}
      </p>
      {layers.color === 'direction' ? (
        <div className="map-legend__row">
          <span
            className="map-legend__gradient"
            style={{
              background: `linear-gradient(90deg, ${tokens.series[1]}, ${tokens.series[0]})`,
            }}
          />
          <span>{t('map.legend.direction')}</span>
        </div>
      ) : (
        <ul className="map-legend__regions">
          {regions.map((r) => (
            <li key={r}>
              <span
                className="map-legend__swatch"
                style={{ background: regionColour(r, tokens) }}
              />
              {t(`vocab.atlas_region.${r}`)}
            </li>
          ))}
        </ul>
      )}
      {max > 0 && (
        <div className="map-legend__widths">
          {[max, Math.round(max / 2), Math.round(max / 10)]
            .filter((v, i, a) => v > 0 && a.indexOf(v) === i)
            .map((v) => (
              <div className="map-legend__row" key={v}>
                <span
                  className="map-legend__line"
                  style={{
                    height: `${arcWidth(v, Math.max(max, scaleMax ?? 0), projector)}px`,
                    background: tokens.textMuted,
                  }}
                />
                <span>
                  {formatNumber(v, lang)} {unit}
                </span>
              </div>
            ))}
        </div>
      )}
      {restHidden ? (
        <p className="map-legend__rest" data-testid="map-rest">
          {t('safe.mapHidden', { k: safeK })}
        </p>
      ) : (
        rest &&
        (rest.firearms > 0 || rest.seizures > 0) && (
          <p className="map-legend__rest" data-testid="map-rest">
            {t('map.legend.rest', {
              firearms: t('map.tooltip.firearms', restCount(rest.firearms)),
              seizures: t('map.tooltip.seizures', restCount(rest.seizures)),
            })}
          </p>
        )
      )}
      {hotspotMax !== null && (
        <div className="map-legend__hot">
          <p className="map-legend__title">{t('map.legend.hotspots')}</p>
          <div
            className="map-legend__ramp"
            style={{ background: `linear-gradient(90deg, ${tokens.ramp.join(', ')})` }}
          />
          <div className="map-legend__ramp-labels">
            <span>{t('map.legend.few')}</span>
            <span>{t('map.legend.many')}</span>
          </div>
        </div>
      )}
      <p className="map-legend__credit">{t('map.credit')}</p>
    </div>
  );
}
