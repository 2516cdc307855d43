/**
 * Drag-to-select on a recharts category axis: press on one category, drag to another, release.
 * While dragging, the selection is committed continuously (the first commit pushes a history
 * entry, later ones replace it); a click without moving selects one category.
 */
import { useRef, useState } from 'react';
import type { HistoryMode } from '../state/store';

/** Chart mouse-event payload (the parts used). */
interface ChartEvent {
  activeLabel?: string | number;
}

/** The band to draw and the handlers to put on the chart. */
export interface DragSelect {
  /** The categories under the band while dragging, else null. */
  dragging: { x1: string; x2: string } | null;
  handlers: {
    onMouseDown: (e: ChartEvent | null) => void;
    onMouseMove: (e: ChartEvent | null) => void;
    onMouseUp: () => void;
  };
}

/** Hook: `commit(a, b, mode)` receives the first and last category selected (in either order). */
export function useDragSelect(
  commit: (a: string, b: string, mode: HistoryMode) => void,
): DragSelect {
  const [drag, setDrag] = useState<{ start: string; end: string } | null>(null);
  const pushed = useRef(false);
  const label = (e: ChartEvent | null) =>
    e?.activeLabel === undefined ? null : String(e.activeLabel);
  return {
    dragging: drag
      ? {
          x1: drag.start < drag.end ? drag.start : drag.end,
          x2: drag.start < drag.end ? drag.end : drag.start,
        }
      : null,
    handlers: {
      onMouseDown: (e) => {
        const m = label(e);
        if (!m) return;
        pushed.current = false;
        setDrag({ start: m, end: m });
      },
      onMouseMove: (e) => {
        const m = label(e);
        if (!drag || !m || m === drag.end) return;
        setDrag({ ...drag, end: m });
        commit(drag.start, m, pushed.current ? 'replace' : 'push');
        pushed.current = true;
      },
      onMouseUp: () => {
        if (!drag) return;
        commit(drag.start, drag.end, pushed.current ? 'replace' : 'push');
        setDrag(null);
      },
    },
  };
}
