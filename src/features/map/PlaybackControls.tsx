/**
 * Time playback of the map: play/pause, step, month or quarter, speed and a slider over the
 * periods that have data. The position lives in the view state (so a link reopens the same
 * frame); while playing, each step replaces the history entry.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { MAP_SPEEDS, type MapLayers } from '../../model/viewState';

/** Props of the playback controls. */
export interface PlaybackProps {
  periods: readonly string[];
  layers: MapLayers;
  playing: boolean;
  lang: string;
  onPlaying: (playing: boolean) => void;
  onChange: (update: Partial<MapLayers>, mode: 'push' | 'replace') => void;
}

/** Label of a period (month or quarter) starting on an ISO date. */
export function periodLabel(start: string, period: 'month' | 'quarter', lang: string): string {
  if (period === 'month') return formatDate(start, lang, { year: 'numeric', month: 'long' });
  const [y, m] = start.split('-').map(Number) as [number, number];
  return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
}

/** The controls. */
export function PlaybackControls({
  periods,
  layers,
  playing,
  lang,
  onPlaying,
  onChange,
}: PlaybackProps) {
  const { t } = useTranslation();
  const index = layers.position ? periods.indexOf(layers.position) : -1;
  const go = (i: number, mode: 'push' | 'replace') => {
    const p = periods[Math.max(0, Math.min(periods.length - 1, i))];
    if (p) onChange({ position: p }, mode);
  };

  useEffect(() => {
    if (!playing || periods.length === 0) return;
    const timer = setInterval(() => {
      const next = index + 1;
      if (next >= periods.length) onPlaying(false);
      else onChange({ position: periods[next]! }, 'replace');
    }, 1000 / layers.speed);
    return () => clearInterval(timer);
  }, [playing, index, periods, layers.speed, onChange, onPlaying]);

  return (
    <div className="playback" role="group" aria-label={t('map.playback.label')}>
      <button
        type="button"
        className="button"
        onClick={() => go(index - 1, 'push')}
        disabled={index <= 0}
        aria-label={t('map.playback.previous')}
      >
        ◀
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          if (!playing && (index < 0 || index >= periods.length - 1)) go(0, 'push');
          onPlaying(!playing);
        }}
        disabled={periods.length === 0}
      >
        {playing ? t('map.playback.pause') : t('map.playback.play')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => go(index + 1, 'push')}
        disabled={index >= periods.length - 1}
        aria-label={t('map.playback.next')}
      >
        ▶
      </button>
      <input
        type="range"
        className="playback__slider"
        min={0}
        max={Math.max(0, periods.length - 1)}
        value={Math.max(0, index)}
        aria-label={t('map.playback.position')}
        aria-valuetext={
          layers.position
            ? periodLabel(layers.position, layers.period, lang)
            : t('map.playback.allTime')
        }
        onChange={(e) => go(Number(e.target.value), 'replace')}
      />
      <label className="field field--inline">
        <span className="field__label">{t('map.playback.step')}</span>
        <select
          value={layers.period}
          onChange={(e) =>
            onChange(
              { period: e.target.value === 'quarter' ? 'quarter' : 'month', position: null },
              'push',
            )
          }
        >
          <option value="month">{t('map.playback.month')}</option>
          <option value="quarter">{t('map.playback.quarter')}</option>
        </select>
      </label>
      <label className="field field--inline">
        <span className="field__label">{t('map.playback.speed')}</span>
        <select
          value={layers.speed}
          onChange={(e) => onChange({ speed: Number(e.target.value) }, 'push')}
        >
          {MAP_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {layers.position && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            onPlaying(false);
            onChange({ position: null }, 'push');
          }}
        >
          {t('map.playback.allTime')}
        </button>
      )}
    </div>
  );
}
