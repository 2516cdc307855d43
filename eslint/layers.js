/**
 * The floors of `src/`, bottom to top, and the ESLint rule that holds them: a module may import
 * from its own folder and from folders on lower floors, never from a higher floor or a folder on
 * its own floor; a feature (`src/features/<name>/`) imports no other feature. Every allowed import
 * points down, so no two folders can import each other, directly or round a cycle.
 * README ("Code layout") draws the same floors.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Floors of `src/`, lowest first; folders on one floor may not import one another. */
export const FLOORS = [
  ['domain', 'styles.css'],
  ['model'],
  ['sql'],
  ['import'],
  ['db', 'pwa'],
  ['state', 'i18n', 'theme'],
  ['context'],
  ['disclosure'],
  ['export'],
  ['components'],
  ['features'],
  ['app'],
  ['main.tsx'],
];

const floorOf = new Map(FLOORS.flatMap((folders, i) => folders.map((f) => [f, i])));

/** The top folder of a path under `src/` (`features/<name>` for a feature), or null. */
function unitOf(srcDir, file) {
  const rel = relative(srcDir, file);
  if (rel.startsWith('..') || rel === '') return null;
  const parts = rel.split(sep);
  if (parts[0] === 'features' && parts.length > 2) return `features/${parts[1]}`;
  return parts[0];
}

const floorOfUnit = (unit) => floorOf.get(unit.startsWith('features/') ? 'features' : unit);

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the floors of src/ (README, "Code layout").' },
    schema: [],
  },
  create(context) {
    const srcDir = resolve(context.cwd, 'src');
    const file = context.physicalFilename;
    const from = unitOf(srcDir, file);
    if (from === null) return {};
    const fromFloor = floorOfUnit(from);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolve(dirname(file), spec);
      const to = unitOf(srcDir, target);
      if (to === null) {
        context.report({
          node,
          message: `src/ imports nothing from outside it ('${spec}'); move what it needs into src/.`,
        });
        return;
      }
      if (to === from) return;
      const toFloor = floorOfUnit(to);
      if (fromFloor === undefined || toFloor === undefined) {
        context.report({
          node,
          message: `'${fromFloor === undefined ? from : to}' is on no floor: add it to FLOORS in eslint/layers.js.`,
        });
      } else if (from.startsWith('features/') && to.startsWith('features/')) {
        context.report({
          node,
          message: `${from} imports ${to}: features do not import one another; move what they share down a floor.`,
        });
      } else if (toFloor >= fromFloor) {
        context.report({
          node,
          message: `${from} may not import ${to} (same or higher floor): imports point down the floors (README, "Code layout").`,
        });
      }
    };
    const source = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
