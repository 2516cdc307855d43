/**
 * Saved views and decks, kept in this browser (localStorage: a few kilobytes of links and
 * notes). What is read back is validated; a damaged entry is set aside, never a crash. Other tabs
 * see changes through the `storage` event.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { DeckSchema, type Deck, type Slide } from './deck';

const KEY = 'firearms-flow-atlas:briefing:v1';

const SavedViewSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  title: z.string().min(1).max(200),
  note: z.string().max(4000),
  link: z.string().max(16000),
  savedAt: z.string().max(40),
});
const SavedDeckSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  deck: DeckSchema,
});
const BriefingSchema = z.object({
  views: z.array(SavedViewSchema).max(500),
  decks: z.array(SavedDeckSchema).max(100),
});

/** A saved view: a slide with an id and the time it was saved. */
export type SavedView = z.infer<typeof SavedViewSchema>;
/** A deck kept in this browser. */
export type SavedDeck = z.infer<typeof SavedDeckSchema>;
/** Everything kept. */
export type Briefing = z.infer<typeof BriefingSchema>;

const EMPTY: Briefing = { views: [], decks: [] };
let cache: Briefing | null = null;
const listeners = new Set<() => void>();

function read(): Briefing {
  if (cache) return cache;
  try {
    const text = localStorage.getItem(KEY);
    const parsed = text ? BriefingSchema.safeParse(JSON.parse(text)) : null;
    cache = parsed?.success ? parsed.data : EMPTY;
  } catch {
    cache = EMPTY;
  }
  return cache;
}

function write(next: Briefing): void {
  cache = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the change lives until the tab closes.
  }
  listeners.forEach((l) => l());
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    cache = null;
    listeners.forEach((l) => l());
  });
}

const newId = () =>
  `${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 6).toString(36)}`;

/** The saved views and decks, kept current. */
export function useBriefing(): Briefing {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    read,
  );
}

/** Saves a view; returns its id. */
export function saveView(slide: Slide): string {
  const id = newId();
  const b = read();
  write({ ...b, views: [...b.views, { ...slide, id, savedAt: new Date().toISOString() }] });
  return id;
}

/** Removes a saved view (decks keep their own copies of their slides). */
export function removeView(id: string): void {
  const b = read();
  write({ ...b, views: b.views.filter((v) => v.id !== id) });
}

/** Adds or replaces a deck; returns its id. */
export function saveDeck(deck: Deck, id: string = newId()): string {
  const b = read();
  const decks = b.decks.some((d) => d.id === id)
    ? b.decks.map((d) => (d.id === id ? { id, deck } : d))
    : [...b.decks, { id, deck }];
  write({ ...b, decks });
  return id;
}

/** Removes a deck. */
export function removeDeck(id: string): void {
  const b = read();
  write({ ...b, decks: b.decks.filter((d) => d.id !== id) });
}
