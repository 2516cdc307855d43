/** The notebook's source in CodeMirror 6 (plain Markdown, the theme's colours, line numbers). */
import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/** Props of the editor. */
export interface NotebookEditorProps {
  value: string;
  onChange: (text: string) => void;
  label: string;
}

const theme = EditorView.theme({
  '&': {
    color: 'var(--atlas-text)',
    backgroundColor: 'var(--atlas-surface)',
    border: '1px solid var(--atlas-border)',
    fontSize: '0.9em',
  },
  '.cm-content': { fontFamily: 'var(--atlas-mono, monospace)', caretColor: 'var(--atlas-text)' },
  '.cm-gutters': { backgroundColor: 'var(--atlas-surface)', color: 'var(--atlas-text-muted)' },
  '&.cm-focused': { outline: '2px solid var(--atlas-accent)' },
});

/** Edits a notebook's Markdown; the text is the parent's (`value`, `onChange`). */
export function NotebookEditor({ value, onChange, label }: NotebookEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });
  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) changed.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // The editor is made once; later values come from the reader typing in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);
  return <div className="notebook__editor" ref={host} />;
}
