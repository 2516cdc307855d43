/**
 * The list of datasets a static host serves (`data/index.json`): a static page cannot list a
 * folder, so the dataset switcher reads this file. Written whenever datasets are added or removed
 * under a `data/` folder (`npm start`'s dataset step, the tests and the benchmark).
 */
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rewrites `<dataDir>/index.json` from the folders in it that hold a manifest. */
export function writeDatasetIndex(dataDir: string): { name: string; title: string }[] {
  const entries = existsSync(dataDir)
    ? readdirSync(dataDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dataDir, d.name, 'manifest.json')))
        .map((d) => {
          const m = JSON.parse(readFileSync(join(dataDir, d.name, 'manifest.json'), 'utf8')) as {
            name: string;
            title: string;
          };
          return { name: d.name, title: m.title };
        })
        .sort((a, b) =>
          a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name < b.name ? -1 : 1,
        )
    : [];
  // Written beside and renamed over: a server reading it meanwhile gets the old or the new list,
  // never a truncated one (end-to-end tests publish datasets while others read the index).
  const tmp = join(dataDir, `.index.json.${process.pid}.${Math.random().toString(36).slice(2)}`);
  writeFileSync(tmp, `${JSON.stringify({ datasets: entries }, null, 2)}\n`);
  renameSync(tmp, join(dataDir, 'index.json'));
  return entries;
}
