/** Settings of the route map: legs or whole routes, weight, number of arcs, colours, hotspots. */
import { useTranslation } from 'react-i18next';
import { MAP_TOP_RANGE, type MapLayers } from '../../model/viewState';

/** Props of the controls. */
export interface MapControlsProps {
  layers: MapLayers;
  onChange: (update: Partial<MapLayers>, mode: 'push' | 'replace') => void;
}

/** The controls row. */
export function MapControls({ layers, onChange }: MapControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="map-controls">
      <label className="field field--inline">
        <span className="field__label">{t('map.controls.show')}</span>
        <select
          value={layers.mode}
          onChange={(e) =>
            onChange({ mode: e.target.value === 'routes' ? 'routes' : 'legs' }, 'push')
          }
        >
          <option value="legs">{t('map.controls.legs')}</option>
          <option value="routes">{t('map.controls.routes')}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">{t('map.controls.width')}</span>
        <select
          value={layers.weight}
          onChange={(e) =>
            onChange({ weight: e.target.value === 'seizures' ? 'seizures' : 'firearms' }, 'push')
          }
        >
          <option value="firearms">{t('map.weight.firearms')}</option>
          <option value="seizures">{t('map.weight.seizures')}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">{t('map.controls.colour')}</span>
        <select
          value={layers.color}
          onChange={(e) =>
            onChange({ color: e.target.value === 'region' ? 'region' : 'direction' }, 'push')
          }
        >
          <option value="direction">{t('map.controls.direction')}</option>
          <option value="region">{t('map.controls.region')}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">{t('map.controls.top', { n: layers.top })}</span>
        <input
          type="range"
          min={MAP_TOP_RANGE[0]}
          max={MAP_TOP_RANGE[1]}
          step={5}
          value={layers.top}
          onChange={(e) => onChange({ top: Number(e.target.value) }, 'replace')}
        />
      </label>
      <label className="field field--check">
        <input
          type="checkbox"
          checked={layers.hotspots}
          onChange={(e) => onChange({ hotspots: e.target.checked }, 'push')}
        />
        <span>{t('map.controls.hotspots')}</span>
      </label>
    </div>
  );
}
