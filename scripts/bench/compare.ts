/**
 * The Mosaic comparison: the same sequences of selections in the app (drawn, and its data alone)
 * and in Mosaic over the same DuckDB-WASM.
 */
import { type RecordedBrowser } from '../../tests/helpers/browser';
import { mosaicHarnessScript } from '../lib/mosaic';
import type { MosaicHarness, MosaicStep } from '../lib/mosaicHarness';
import type { ComparedStep } from './measure';
import { step } from './measure';
import { SEQUENCES, crossFilterParam, stepLabel } from './scenario';

/** Runs the comparison sequences in the app, then in Mosaic on the same DuckDB; appends times. */
export async function compareWithMosaic(
  b: RecordedBrowser,
  ds: string,
  domain: [string, string],
  into: ComparedStep[][],
) {
  const script = await mosaicHarnessScript();
  for (const [i, seq] of SEQUENCES.entries()) {
    const out = (into[i] ??= seq.steps.map((st) => ({
      label: stepLabel(st),
      oursMs: [],
      oursDataMs: [],
      mosaicMs: [],
    })));
    // The app: each panel's last selection stays in the address, as a crossfilter keeps it.
    // (Setting the address it already has would change nothing, and never settle.)
    const clear = `#/overview?v=2&ds=${ds}`;
    if ((await b.page.evaluate(() => location.hash)) !== clear) await step(b, clear);
    const active = new Map<string, MosaicStep>();
    for (const [j, st] of seq.steps.entries()) {
      active.set(st.source, st);
      const x = [...active.values()].map((a) => `&x=${crossFilterParam(a)}`).join('');
      out[j]!.oursMs.push((await step(b, `#/overview?v=2&ds=${ds}${x}`)).ms);
    }
    await step(b, clear);
    // Mosaic, set up afresh for the sequence (its pre-aggregates are built on first use).
    await b.page.evaluate(script);
    const times = await b.page.evaluate(
      async ({ steps, domain }) => {
        const w = window as unknown as {
          __mosaicHarness: {
            setupMosaic(db: unknown, table: string, d: [string, string]): Promise<MosaicHarness>;
            ourDataStep(
              run: (sql: string, params: unknown[]) => Promise<unknown>,
              model: unknown,
              active: MosaicStep[],
              source: MosaicStep['source'],
            ): Promise<number>;
          };
        };
        const bench = window.__atlasBench!;
        const ours: number[] = [];
        const active = new Map<string, MosaicStep>();
        for (const st of steps) {
          active.set(st.source, st);
          ours.push(
            await w.__mosaicHarness.ourDataStep(
              (sql, params) => bench.query(sql, params),
              bench.model,
              [...active.values()],
              st.source,
            ),
          );
        }
        const h = await w.__mosaicHarness.setupMosaic(
          window.__atlasBench!.db,
          'atlas.main.seizures',
          domain,
        );
        const ms: number[] = [];
        for (const st of steps) ms.push(await h.step(st));
        await h.dispose();
        return { ours, mosaic: ms };
      },
      { steps: seq.steps, domain },
    );
    times.ours.forEach((t, j) => out[j]!.oursDataMs.push(t));
    times.mosaic.forEach((t, j) => out[j]!.mosaicMs.push(t));
  }
}
