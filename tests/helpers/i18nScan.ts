/**
 * Pure helpers for the i18n consistency test (`tests/unit/i18n.test.ts`): flattening locale files,
 * recognising i18next v4 plural forms, and scanning TypeScript/TSX sources (with the TypeScript
 * compiler API) for translation keys, dynamic key patterns and hard-coded user-visible strings.
 *
 * Nothing here reads the file system: callers pass file names and texts.
 */
import ts from 'typescript';

/** A place in the sources, for messages. */
export interface Where {
  file: string;
  line: number;
}

/** The CLDR plural categories i18next v4 appends as `_<category>`. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
const PLURAL_SUFFIX = new RegExp(`_(${PLURAL_CATEGORIES.join('|')})$`);

/**
 * Flattens nested locale JSON to dotted keys; leaves that are not strings (and empty objects) are
 * returned separately.
 */
export function flattenLocale(
  obj: unknown,
  prefix = '',
): { strings: Map<string, string>; invalid: string[] } {
  const strings = new Map<string, string>();
  const invalid: string[] = [];
  const walk = (o: unknown, p: string) => {
    if (typeof o === 'string') strings.set(p, o);
    else if (o && typeof o === 'object' && !Array.isArray(o)) {
      const entries = Object.entries(o);
      if (entries.length === 0) invalid.push(`${p} (empty object)`);
      for (const [k, v] of entries) walk(v, p ? `${p}.${k}` : k);
    } else invalid.push(`${p} (${o === null ? 'null' : Array.isArray(o) ? 'array' : typeof o})`);
  };
  walk(obj, prefix);
  return { strings, invalid };
}

/** `x_one` → `{ base: 'x', category: 'one' }`; a key without a plural suffix → undefined. */
export function splitPlural(key: string): { base: string; category: string } | undefined {
  const m = PLURAL_SUFFIX.exec(key);
  return m ? { base: key.slice(0, m.index), category: m[1]! } : undefined;
}

/**
 * Splits a language's keys into plain keys and plural bases (with their categories). A suffixed
 * key counts as a plural form when its base is a plural base elsewhere (`knownBases`, e.g. the
 * English ones) or when the same file also has `base_other`.
 */
export function pluralStructure(
  keys: Iterable<string>,
  knownBases: ReadonlySet<string> = new Set(),
): { plain: Set<string>; plurals: Map<string, Set<string>> } {
  const all = new Set(keys);
  const plain = new Set<string>();
  const plurals = new Map<string, Set<string>>();
  for (const k of all) {
    const p = splitPlural(k);
    if (p && (knownBases.has(p.base) || all.has(`${p.base}_other`))) {
      let cats = plurals.get(p.base);
      if (!cats) plurals.set(p.base, (cats = new Set()));
      cats.add(p.category);
    } else plain.add(k);
  }
  return { plain, plurals };
}

/** The `{{placeholder}}` names of an i18next string (`{{x, number}}` → `x`). */
export function placeholders(s: string): Set<string> {
  return new Set([...s.matchAll(/\{\{\s*-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));
}

/** A template-literal (or `'prefix.' + x`) key pattern. */
export interface DynamicKey extends Where {
  /** The static text before the first substitution (the prefix shown in reports). */
  head: string;
  /** Source text, for messages. */
  text: string;
  /** Full-match regex: static parts literally, each substitution as `.+`. */
  regex: RegExp;
  /** Whether it sits in a translation position (first argument of `t`, or a variable fed to it). */
  inCall: boolean;
}

/** One call of `t(...)` / `i18next.t(...)` / `x.t(...)`. */
export interface TCall extends Where {
  /** Literal keys the first argument can evaluate to (through `?:`, `??`, `||`, parentheses). */
  keys: string[];
  /** Template-literal keys the first argument can evaluate to. */
  dynamic: DynamicKey[];
  /** Source text of argument parts that are neither (identifiers resolved when possible). */
  unresolved: string[];
  /**
   * Whether the options have a `count` property: true/false for an object literal (or no options),
   * undefined when they cannot be read (a variable, a spread).
   */
  hasCount: boolean | undefined;
}

/** A hard-coded user-visible string in JSX. */
export interface HardCoded extends Where {
  kind: 'text' | `attribute ${string}` | 'expression';
  text: string;
}

/** What one source file contributes. */
export interface SourceScan {
  calls: TCall[];
  /** Every string literal (and substitution-free template) in the file. */
  literals: Set<string>;
  /** Template literals (anywhere) whose static head starts with `<namespace>.`. */
  dynamic: DynamicKey[];
  /** Literal keys in other key positions (`i18nKey="..."`). */
  otherKeys: (Where & { key: string })[];
  hardCoded: HardCoded[];
}

/** JSX attributes whose string values the user reads (or hears). */
export const VISIBLE_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'alt',
  'placeholder',
  'aria-description',
  'label',
  // Also announced by screen readers, so just as visible as aria-label:
  'aria-roledescription',
  'aria-valuetext',
]);

const LETTER = /\p{L}/u;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function templateParts(node: ts.TemplateExpression): string[] {
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
}

/**
 * Scans one source file. `namespaces` are the top-level keys of en.json: a template literal
 * outside a `t(...)` call counts as a key pattern only if its head starts with one of them and a dot.
 */
export function scanSource(
  file: string,
  text: string,
  namespaces: ReadonlySet<string>,
): SourceScan {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const out: SourceScan = {
    calls: [],
    literals: new Set(),
    dynamic: [],
    otherKeys: [],
    hardCoded: [],
  };

  // Variable initialisers by name (scope-insensitive), to resolve `t(someKey)`.
  const initialisers = new Map<string, ts.Expression[]>();
  const collectVars = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const list = initialisers.get(n.name.text) ?? [];
      list.push(n.initializer);
      initialisers.set(n.name.text, list);
    }
    ts.forEachChild(n, collectVars);
  };
  collectVars(sf);

  /** Whether a value is assigned to a variable or property named `…Key` (`adviceKey = ...`). */
  const keyNamed = (node: ts.Node): boolean => {
    let p = node.parent;
    while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p))) p = p.parent;
    if (!p) return false;
    const name =
      ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)
        ? p.name.getText(sf)
        : ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken
          ? p.left.getText(sf)
          : '';
    return /key$/i.test(name);
  };
  const looksLikeKey = (s: string) =>
    /^[A-Za-z]\w*(\.\w+)+$/.test(s) && namespaces.has(s.split('.')[0]!);

  const dynamicKey = (
    node: ts.TemplateExpression | ts.BinaryExpression,
    inCall: boolean,
  ): DynamicKey | undefined => {
    let parts: string[];
    if (ts.isTemplateExpression(node)) parts = templateParts(node);
    else if (ts.isStringLiteralLike(node.left)) parts = [node.left.text, ''];
    else return undefined;
    const head = parts[0]!;
    const ns = head.split('.')[0]!;
    if (!inCall && !(keyNamed(node) && head.includes('.') && namespaces.has(ns))) return undefined;
    const regex = new RegExp(`^${parts.map(escapeRe).join('.+')}$`);
    return { file, line: lineOf(node), head, text: node.getText(sf), regex, inCall };
  };

  const isTCallee = (e: ts.Expression) =>
    (ts.isIdentifier(e) && e.text === 't') ||
    (ts.isPropertyAccessExpression(e) && e.name.text === 't');

  /** Values an expression can take, through conditionals and variables (one level of names). */
  const keyValues = (e: ts.Expression, call: TCall, seen: Set<string>): void => {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))
      return keyValues(e.expression, call, seen);
    if (ts.isStringLiteralLike(e)) return void call.keys.push(e.text);
    if (ts.isTemplateExpression(e)) return void call.dynamic.push(dynamicKey(e, true)!);
    if (ts.isConditionalExpression(e)) {
      keyValues(e.whenTrue, call, seen);
      return keyValues(e.whenFalse, call, seen);
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        keyValues(e.left, call, seen);
        return keyValues(e.right, call, seen);
      }
      if (op === ts.SyntaxKind.PlusToken) {
        const d = dynamicKey(e, true);
        if (d) return void call.dynamic.push(d);
      }
    }
    if (ts.isIdentifier(e) && !seen.has(e.text) && initialisers.has(e.text)) {
      seen.add(e.text);
      for (const init of initialisers.get(e.text)!) keyValues(init, call, seen);
      return;
    }
    call.unresolved.push(e.getText(sf));
  };

  /** Literal strings a JSX value can show, through `?:`, `&&`, `||`, `??` and parentheses. */
  const visibleLiterals = (e: ts.Expression): { node: ts.Node; text: string }[] => {
    if (ts.isParenthesizedExpression(e)) return visibleLiterals(e.expression);
    if (ts.isStringLiteralLike(e)) return [{ node: e, text: e.text }];
    if (ts.isTemplateExpression(e)) return [{ node: e, text: templateParts(e).join('${…}') }];
    if (ts.isConditionalExpression(e))
      return [...visibleLiterals(e.whenTrue), ...visibleLiterals(e.whenFalse)];
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) return visibleLiterals(e.right);
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
        return [...visibleLiterals(e.left), ...visibleLiterals(e.right)];
    }
    return [];
  };
  const flag = (kind: HardCoded['kind'], e: ts.Expression) => {
    for (const v of visibleLiterals(e))
      if (LETTER.test(v.text))
        out.hardCoded.push({ file, line: lineOf(v.node), kind, text: v.text });
  };

  const insideTrans = (n: ts.Node) => {
    for (let p = n.parent; p; p = p.parent)
      if (ts.isJsxElement(p) && p.openingElement.tagName.getText(sf) === 'Trans') return true;
    return false;
  };

  const visit = (n: ts.Node) => {
    if (ts.isStringLiteralLike(n)) {
      out.literals.add(n.text);
      if (keyNamed(n) && looksLikeKey(n.text))
        out.otherKeys.push({ file, line: lineOf(n), key: n.text });
    }
    if (ts.isTemplateExpression(n)) {
      const d = dynamicKey(n, false);
      if (d) out.dynamic.push(d);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const d = dynamicKey(n, false);
      if (d) out.dynamic.push(d);
    }
    if (ts.isCallExpression(n) && isTCallee(n.expression) && n.arguments.length > 0) {
      const call: TCall = {
        file,
        line: lineOf(n),
        keys: [],
        dynamic: [],
        unresolved: [],
        hasCount: false,
      };
      keyValues(n.arguments[0]!, call, new Set());
      const opts = n.arguments[1];
      if (opts && ts.isObjectLiteralExpression(opts)) {
        const named = (p: ts.ObjectLiteralElementLike) =>
          (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
          p.name.getText(sf) === 'count';
        call.hasCount = opts.properties.some(named)
          ? true
          : opts.properties.some(ts.isSpreadAssignment)
            ? undefined
            : false;
      } else if (opts) call.hasCount = undefined;
      out.calls.push(call);
    }
    if (ts.isJsxText(n) && !insideTrans(n)) {
      const s = n.text.replace(/\s+/g, ' ').trim();
      if (LETTER.test(s)) out.hardCoded.push({ file, line: lineOf(n), kind: 'text', text: s });
    }
    if (ts.isJsxAttribute(n)) {
      const name = n.name.getText(sf);
      const init = n.initializer;
      if (name === 'i18nKey' && init && ts.isStringLiteral(init))
        out.otherKeys.push({ file, line: lineOf(n), key: init.text });
      if (VISIBLE_ATTRIBUTES.has(name) && init) {
        if (ts.isStringLiteral(init)) flag(`attribute ${name}`, init);
        else if (ts.isJsxExpression(init) && init.expression)
          flag(`attribute ${name}`, init.expression);
      }
    }
    if (
      ts.isJsxExpression(n) &&
      n.expression &&
      (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent)) &&
      !insideTrans(n)
    )
      flag('expression', n.expression);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
