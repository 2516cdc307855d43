/**
 * The dataset switcher's list (`data/index.json`): a missing, malformed or hostile index never
 * breaks the app — the switcher then lists only the dataset on screen — and a valid one lists
 * every served dataset with the current one always in it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchDatasetIndex } from '../../src/features/datasets/datasetIndex';

const current = { name: 'default', title: 'Bundled' };
const respond = (body: string, status = 200) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status })),
  );

afterEach(() => vi.unstubAllGlobals());

describe('dataset index', () => {
  it('lists the served datasets, keeping the current one', async () => {
    respond(JSON.stringify({ datasets: [{ name: 'aggregate', title: 'Counts' }] }));
    expect(await fetchDatasetIndex(current)).toEqual([
      current,
      { name: 'aggregate', title: 'Counts' },
    ]);
  });

  it('falls back to the current dataset on anything else', async () => {
    for (const body of [
      'not json',
      JSON.stringify({ datasets: [{ name: '../../etc', title: 'x' }] }),
      JSON.stringify({ datasets: [{ name: 'ok', title: '' }] }),
      JSON.stringify([]),
    ]) {
      respond(body);
      expect(await fetchDatasetIndex(current), body).toEqual([current]);
    }
    respond('', 404);
    expect(await fetchDatasetIndex(current)).toEqual([current]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    expect(await fetchDatasetIndex(current)).toEqual([current]);
  });
});
