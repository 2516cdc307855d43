/**
 * The view-state store: holds the state, writes it to the URL and follows the browser's back and
 * forward buttons. Deliberate actions push a history entry; continuous ones replace it.
 */
import { useSyncExternalStore } from 'react';
import { hashToState, stateToHash } from './urlCodec';
import type { ViewState } from './viewState';

/** How a state change enters the browser history. */
export type HistoryMode = 'push' | 'replace';

/** A store of the view state bound to `window.location`. */
export interface ViewStateStore {
  get(): ViewState;
  /** Parts of the URL the last parse could not understand. */
  dropped(): readonly string[];
  set(update: Partial<ViewState> | ((s: ViewState) => ViewState), mode?: HistoryMode): void;
  subscribe(listener: () => void): () => void;
}

/** Creates the store from the current URL and keeps it in step with history navigation. */
export function createViewStateStore(win: Window = window): ViewStateStore {
  let parsed = hashToState(win.location.hash);
  let state = parsed.state;
  let dropped = parsed.dropped;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  // Normalise the address once, so the URL always shows the canonical form.
  win.history.replaceState(win.history.state, '', stateToHash(state));

  const onPop = () => {
    parsed = hashToState(win.location.hash);
    state = parsed.state;
    dropped = parsed.dropped;
    notify();
  };
  win.addEventListener('popstate', onPop);

  return {
    get: () => state,
    dropped: () => dropped,
    set(update, mode = 'push') {
      const next = typeof update === 'function' ? update(state) : { ...state, ...update };
      const hash = stateToHash(next);
      state = next;
      dropped = [];
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
  };
}

/** React binding: the current state of a store. */
export function useViewState(store: ViewStateStore): ViewState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
