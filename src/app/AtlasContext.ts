/** React context carrying the booted atlas and the view-state store to every view. */
import { createContext, useContext } from 'react';
import type { ViewStateStore } from '../state/store';
import type { Atlas } from './boot';

/** What views can reach. */
export interface AtlasContextValue extends Atlas {
  store: ViewStateStore;
}

export const AtlasContext = createContext<AtlasContextValue | null>(null);

/** The atlas context; throws outside the provider (a programming error). */
export function useAtlas(): AtlasContextValue {
  const value = useContext(AtlasContext);
  if (!value) throw new Error('useAtlas outside <AtlasContext>');
  return value;
}
