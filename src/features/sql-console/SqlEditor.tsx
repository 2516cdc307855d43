/**
 * The console's SQL editor: CodeMirror 6 with SQL highlighting in the theme's colours, completion
 * of the dataset's table and column names, Ctrl/Cmd+Enter to run the selection or the statement
 * under the cursor, and the last error marked inline at its position.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { basicSetup } from 'codemirror';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { closeCompletion } from '@codemirror/autocomplete';
import { setDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { statementAt } from '../../sql/statements';

/** Tables and their columns, for completion. */
export type EditorSchema = Record<string, readonly string[]>;

/** A span of the editor's text to run, with where it starts. */
export interface RunRequest {
  text: string;
  offset: number;
}

/** An error to mark: its position in the editor's text and its message. */
export interface EditorError {
  from: number;
  to: number;
  message: string;
}

/** What the console can do to the editor. */
export interface SqlEditorHandle {
  /** Inserts text at the cursor (replacing the selection) and focuses the editor. */
  insert(text: string): void;
  /** The selection if there is one, else the statement under the cursor. */
  current(): RunRequest | undefined;
}

/** Props of the editor. */
export interface SqlEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+Enter: run this part of the text. */
  onRun: (request: RunRequest) => void;
  schema: EditorSchema;
  error?: EditorError;
  label: string;
  ref?: Ref<SqlEditorHandle>;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--atlas-accent)', fontWeight: 'bold' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--atlas-warning)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--atlas-danger)' },
  { tag: tags.comment, color: 'var(--atlas-text-muted)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--atlas-accent)' },
]);

const theme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--atlas-surface)',
    color: 'var(--atlas-text)',
    border: '1px solid var(--atlas-border)',
    borderRadius: '4px',
    fontSize: '0.95rem',
  },
  '&.cm-focused': { outline: '3px solid var(--atlas-focus)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" },
  '.cm-gutters': {
    backgroundColor: 'var(--atlas-surface-alt)',
    color: 'var(--atlas-text-muted)',
    borderRight: '1px solid var(--atlas-border)',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'var(--atlas-surface-alt)' },
  '.cm-cursor': { borderLeftColor: 'var(--atlas-text)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--atlas-accent) 30%, transparent) !important',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--atlas-surface)',
    color: 'var(--atlas-text)',
    border: '1px solid var(--atlas-border)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--atlas-accent)',
    color: 'var(--atlas-accent-text)',
  },
  // The completion icons are drawn with glyphs the bundled fonts may lack.
  '.cm-completionIcon': { display: 'none' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--atlas-danger)',
  },
  '.cm-scroller': { minHeight: '10rem', maxHeight: '24rem' },
});

/** The selection if there is one, else the statement under the cursor. */
function requestAt(v: EditorView): RunRequest | undefined {
  const { from, to } = v.state.selection.main;
  const doc = v.state.doc.toString();
  if (to > from) return { text: doc.slice(from, to), offset: from };
  const s = statementAt(doc, from);
  return s ? { text: s.text, offset: s.start } : undefined;
}

/** The SQL editor. */
export function SqlEditor({ value, onChange, onRun, schema, error, label, ref }: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // Handlers change every render; the editor is built once and calls the latest ones.
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  });

  useEffect(() => {
    const run = Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: (v) => {
            const r = requestAt(v);
            closeCompletion(v);
            if (r) handlers.current.onRun(r);
            return true;
          },
        },
      ]),
    );
    // CodeMirror styles itself with generated CSS. In a document it would add <style> elements,
    // which the app's CSP (style-src 'self') blocks; in a shadow root it uses constructed style
    // sheets, which CSP allows. Theme colours still come in: custom properties inherit.
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const v = new EditorView({
      parent: shadow,
      root: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          run,
          basicSetup,
          language.current.of(sql({ dialect: PostgreSQL, upperCaseKeywords: true })),
          syntaxHighlighting(highlight),
          theme,
          EditorView.lineWrapping,
          // Native typing makes Chromium wrap new text in a <span style> copied from nearby
          // tokens, which the CSP blocks (and reports): text input is applied here instead, through
          // CodeMirror's own input handlers (auto-closed brackets and the like still work).
          EditorView.domEventHandlers({
            beforeinput(e, v) {
              const text = e.data;
              if (e.inputType !== 'insertText' || !text || v.composing) return false;
              e.preventDefault();
              // Where the DOM says the selection is: CodeMirror's may not have caught up yet.
              const sel = (v.root as Document).getSelection?.();
              const inside =
                sel?.anchorNode && v.contentDOM.contains(sel.anchorNode) && sel.focusNode;
              const [a, b] = inside
                ? [
                    v.posAtDOM(sel.anchorNode!, sel.anchorOffset),
                    v.posAtDOM(sel.focusNode!, sel.focusOffset),
                  ]
                : [v.state.selection.main.from, v.state.selection.main.to];
              const from = Math.min(a, b);
              const to = Math.max(a, b);
              const insert = () =>
                v.state.update({
                  changes: { from, to, insert: text },
                  selection: { anchor: from + text.length },
                  userEvent: 'input.type',
                  scrollIntoView: true,
                });
              if (!v.state.facet(EditorView.inputHandler).some((h) => h(v, from, to, text, insert)))
                v.dispatch(insert());
              return true;
            },
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'sql-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // Built once; value, schema and error are synchronised by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A value from outside (a link, the history) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(
        sql({ dialect: PostgreSQL, upperCaseKeywords: true, schema: { ...schema } }),
      ),
    });
  }, [schema]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const length = v.state.doc.length;
    const diagnostics = error
      ? [
          {
            from: Math.min(error.from, length),
            to: Math.min(Math.max(error.to, error.from + 1), length),
            severity: 'error' as const,
            message: error.message,
          },
        ]
      : [];
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [error]);

  useImperativeHandle(
    ref,
    () => ({
      insert(text: string) {
        const v = view.current;
        if (!v) return;
        v.dispatch(v.state.replaceSelection(text));
        v.focus();
      },
      current() {
        return view.current ? requestAt(view.current) : undefined;
      },
    }),
    [],
  );

  return <div ref={host} className="sql-editor" />;
}
