/**
 * The floors of src/ (eslint/layers.js): the lint rule refuses a wrong-way import, a feature
 * importing another, and an import from outside src/; and the folders of src/ as they are import
 * one another without a cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers, { FLOORS } from '../../eslint/layers.js';

const SRC = resolve('src');

describe('the layers rule', () => {
  it('allows imports down the floors and within a folder; refuses the rest', () => {
    RuleTester.describe = (_name, fn) => fn();
    RuleTester.it = (_name, fn) => fn();
    RuleTester.itOnly = RuleTester.it;
    const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
    const at = (path: string) => join(SRC, path);
    tester.run('layers', layers.rules.layers, {
      valid: [
        { code: "import { FIELDS } from '../model/fields';", filename: at('sql/where.ts') },
        { code: "import { sql } from './fragment';", filename: at('sql/where.ts') },
        { code: "import { x } from '../../components/Panel';", filename: at('features/map/A.tsx') },
        { code: "import { x } from './layers';", filename: at('features/map/A.tsx') },
        { code: "import { x } from '../features/map/MapView';", filename: at('app/Shell.tsx') },
        { code: "import { x } from 'react';", filename: at('model/fields.ts') },
      ],
      invalid: [
        {
          code: "import { x } from '../state/store';",
          filename: at('model/fields.ts'),
          errors: [{ message: /model may not import state/ }],
        },
        {
          code: "import { x } from '../features/export/A';",
          filename: at('components/Panel.tsx'),
          errors: [{ message: /components may not import features\/export/ }],
        },
        {
          code: "export { x } from '../db/coordinator';",
          filename: at('sql/where.ts'),
          errors: [{ message: /sql may not import db/ }],
        },
        {
          code: "const m = import('../flows/FlowsView');",
          filename: at('features/map/MapView.tsx'),
          errors: [{ message: /features do not import one another/ }],
        },
        {
          code: "import { x } from '../../datasets/lib/rng';",
          filename: at('model/schema.ts'),
          errors: [{ message: /imports nothing from outside it/ }],
        },
      ],
    });
  });
});

/** Every .ts/.tsx file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The folder of src/ a file is in (`features/<name>` for a feature). */
const unit = (file: string) => {
  const parts = relative(SRC, file).split(sep);
  return parts[0] === 'features' && parts.length > 2 ? `features/${parts[1]}` : parts[0]!;
};

describe('the folders of src/', () => {
  const edges = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = unit(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const to = unit(resolve(dirname(file), m[1]!));
      if (to !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
    }
  }

  it('are each on a floor', () => {
    const floors = new Set(FLOORS.flat());
    const lost = [...edges.keys()].filter((u) => !floors.has(u.replace(/\/.*$/, '')));
    expect(lost).toEqual([]);
  });

  it('import one another without a cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (u: string, path: string[]) => {
      if (state.get(u) === 'done') return;
      if (state.get(u) === 'open') {
        cycles.push([...path.slice(path.indexOf(u)), u].join(' → '));
        return;
      }
      state.set(u, 'open');
      for (const v of edges.get(u) ?? []) visit(v, [...path, u]);
      state.set(u, 'done');
    };
    for (const u of edges.keys()) visit(u, []);
    expect(cycles).toEqual([]);
    // The model depends on nothing of ours but the domain.
    expect([...(edges.get('model') ?? [])]).toEqual(['domain']);
  });
});
