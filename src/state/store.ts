/**
 * The view-state store: holds the state, writes it to the URL and follows the browser's back and
 * forward buttons. Deliberate actions push a history entry; continuous ones (dragging a brush,
 * panning) replace it. It also keeps the notice of link parts that were not understood.
 */
import { useSyncExternalStore } from 'react';
import { hashToState, stateToHash } from '../model/urlCodec';
import type { ViewState } from '../model/viewState';

/** How a state change enters the browser history. */
export type HistoryMode = 'push' | 'replace';

/** A store of the view state bound to `window.location`. */
export interface ViewStateStore {
  get(): ViewState;
  set(update: Partial<ViewState> | ((s: ViewState) => ViewState), mode?: HistoryMode): void;
  subscribe(listener: () => void): () => void;
  /** Parts of links (or of the dataset check) that were not understood, for the notice. */
  dropped(): readonly string[];
  /** Adds parts to the notice. */
  reportDropped(parts: readonly string[]): void;
  /** Empties the notice. */
  dismissDropped(): void;
}

/** Creates the store from the current URL and keeps it in step with history navigation. */
export function createViewStateStore(win: Window = window): ViewStateStore {
  let parsed = hashToState(win.location.hash);
  let state = parsed.state;
  let dropped: readonly string[] = parsed.dropped;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  // Normalise the address once, so the URL always shows the canonical form.
  win.history.replaceState(win.history.state, '', stateToHash(state));

  win.addEventListener('popstate', () => {
    parsed = hashToState(win.location.hash);
    state = parsed.state;
    if (parsed.dropped.length) dropped = parsed.dropped;
    notify();
  });

  return {
    get: () => state,
    set(update, mode = 'push') {
      const next = typeof update === 'function' ? update(state) : { ...state, ...update };
      if (next === state) return;
      const hash = stateToHash(next);
      state = next;
      if (hash !== win.location.hash) {
        if (mode === 'push') win.history.pushState(null, '', hash);
        else win.history.replaceState(null, '', hash);
      }
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dropped: () => dropped,
    reportDropped(parts) {
      if (parts.length === 0) return;
      dropped = [...dropped, ...parts];
      notify();
    },
    dismissDropped() {
      dropped = [];
      notify();
    },
  };
}

/** React binding: the current state of a store. */
export function useViewState(store: ViewStateStore): ViewState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/**
 * React binding: one value of the state, re-rendering only when it changes (`Object.is`): a
 * chart that reads the theme need not redraw when a filter changes.
 */
export function useViewSelect<T>(store: ViewStateStore, select: (s: ViewState) => T): T {
  const get = () => select(store.get());
  return useSyncExternalStore(store.subscribe, get, get);
}

/** React binding: the link parts the notice lists. */
export function useDropped(store: ViewStateStore): readonly string[] {
  return useSyncExternalStore(store.subscribe, store.dropped, store.dropped);
}
