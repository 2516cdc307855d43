/**
 * A table that scrolls on its own when wider or taller than its place: a labelled region that
 * keyboard users can focus and scroll (WCAG 2.1.1), holding one `data-table`. Every static table
 * of the app (matrices, import previews and checks, a seizure's firearms) uses it.
 */
import type { ReactNode } from 'react';

/** Props of `ScrollingTable`. */
export interface ScrollingTableProps {
  /** The region's accessible name (what the table shows). */
  label: string;
  /** Classes added to the table's own `data-table` (e.g. `matrix`). */
  className?: string;
  testId?: string;
  /** The table's content: caption, head and body. */
  children: ReactNode;
}

/** A focusable, labelled, scrolling region around a data table. */
export function ScrollingTable({ label, className, testId, children }: ScrollingTableProps) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className={className ? `data-table ${className}` : 'data-table'} data-testid={testId}>
        {children}
      </table>
    </div>
  );
}
