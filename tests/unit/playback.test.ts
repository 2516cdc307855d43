/**
 * Map playback from a timeline in memory: periods are numbered as the SQL numbers them, widths
 * are scaled over every period (a width means the same from step to step), and the hotspots of
 * one period are picked out of the timeline's table without a query.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arcData, hotspotData } from '../../src/features/map/layers';
import { periodOrdinal, type FlowRow } from '../../src/sql/routes';
import { THEME_TOKENS } from '../../src/theme/tokens';

const flow = (src: string, firearms: number, period: number | null): FlowRow => ({
  src,
  dst: 'MEX',
  srcName: src,
  dstName: 'Mexico',
  srcRegion: 'north_america',
  dstRegion: 'central_america_mexico',
  srcLon: -100,
  srcLat: 40,
  dstLon: -102,
  dstLat: 23,
  seizures: 1,
  firearms,
  firstSeen: '2020-01-01',
  lastSeen: '2020-01-31',
  drawn: 1,
  period,
});

describe('playback', () => {
  it('numbers periods by month so that a quarter is the ordinal of its first month', () => {
    expect(periodOrdinal('2020-01-01')).toBe(2020 * 12);
    expect(periodOrdinal('2020-04-01') - periodOrdinal('2020-01-01')).toBe(3);
    expect(periodOrdinal('2021-01-01') - periodOrdinal('2020-12-01')).toBe(1);
  });

  it('scales a period’s arcs to the largest flow of every period, so widths compare across steps', () => {
    const style = { weight: 'firearms', color: 'direction' } as const;
    const feb = [flow('USA', 10, 1), flow('GTM', 50, 1)];
    // January's largest flow was 100: February's 50 is drawn half as wide as that, not full width.
    const scaled = arcData(feb, style, THEME_TOKENS.light, false, null, 100).attributes.getWidth;
    const own = arcData(feb, style, THEME_TOKENS.light, false, null).attributes.getWidth;
    const january = arcData([flow('USA', 100, 0)], style, THEME_TOKENS.light, false, null);
    expect(scaled.value[1]! / january.attributes.getWidth.value[0]!).toBeCloseTo(0.5, 5);
    expect(own.value[1]).toBe(january.attributes.getWidth.value[0]);
  });

  it('picks one period’s hotspots out of the timeline, and none from a table without periods', () => {
    const timeline = tableFromArrays({
      lon: Float64Array.from([1, 2, 3, 4]),
      lat: Float64Array.from([5, 6, 7, 8]),
      seizures: Float64Array.from([1, 1, 1, 1]),
      firearms: Float64Array.from([3, 9, 4, 1]),
      period: Int32Array.from([10, 11, 10, 10]),
    });
    const feb = hotspotData(timeline, 0, 10);
    expect([...feb.index]).toEqual([0, 2, 3]);
    expect(feb.maxFirearms).toBe(4);
    // Briefing-safe counts apply within the period.
    expect([...hotspotData(timeline, 3, 10).index]).toEqual([0, 2]);
    // The previous (all-time) table while the timeline loads: nothing rather than the wrong period.
    const allTime = tableFromArrays({
      lon: Float64Array.from([1]),
      lat: Float64Array.from([5]),
      firearms: Float64Array.from([3]),
    });
    expect(hotspotData(allTime, 0, 10).length).toBe(0);
    expect(hotspotData(allTime, 0, null).length).toBe(1);
  });
});
