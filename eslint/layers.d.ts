import type { ESLint, Rule } from 'eslint';
/** Floors of `src/`, lowest first. */
export declare const FLOORS: string[][];
declare const plugin: ESLint.Plugin & { rules: { layers: Rule.RuleModule } };
export default plugin;
