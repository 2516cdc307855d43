/**
 * What we ship, we may ship: no direct dependency (bundled code, or a generator input whose data
 * ends up in the dataset) carries a GPL-family licence, and every bundled data source is credited
 * in the README as in the "About the data" panel.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_SOURCES } from '../../src/features/about/sources';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('licences', () => {
  it('has no GPL, LGPL or AGPL package among the direct dependencies', () => {
    const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(names.length).toBeGreaterThan(20);
    const offending: string[] = [];
    for (const name of names) {
      const meta = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as {
        license?: string | { type?: string };
      };
      const licence = typeof meta.license === 'string' ? meta.license : (meta.license?.type ?? '');
      if (/GPL/i.test(licence)) offending.push(`${name}: ${licence}`);
    }
    expect(offending).toEqual([]);
  });

  it('installs one DuckDB-WASM and one Arrow (Mosaic pins are overridden)', () => {
    // mosaic-core pins a dev build of DuckDB-WASM (a second 150 MB copy whose types clash with
    // ours); package.json overrides it. Two Arrow copies break `instanceof` on results.
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const copies = (name: string) =>
      Object.keys(lock.packages).filter(
        (p) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`),
      );
    expect(copies('@duckdb/duckdb-wasm')).toEqual(['node_modules/@duckdb/duckdb-wasm']);
    expect(copies('apache-arrow')).toEqual(['node_modules/apache-arrow']);
  });

  it('credits every bundled data source in the README, with its licence', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const s of DATA_SOURCES) {
      expect(readme, s.name).toContain(s.name);
      expect(readme, s.licence).toContain(s.licence);
    }
  });
});
