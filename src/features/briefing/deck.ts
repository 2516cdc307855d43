/**
 * Decks: ordered saved views presented one per slide. A deck travels as a file (JSON, validated)
 * and inside a link (the same JSON, deflated and base64url-encoded, in the `dk` parameter). Pure
 * functions: no DOM, no storage.
 */
import { z } from 'zod';
import { packText, unpackText } from '../../model/linkPacking';
import { hashToState, stateToHash } from '../../model/urlCodec';
import { DEFAULT_STATE, type ViewState } from '../../model/viewState';

/** Identifies deck files among other JSON. */
export const DECK_FORMAT = 'firearms-flow-atlas/deck';

const SlideSchema = z.object({
  title: z.string().max(200),
  note: z.string().max(4000),
  /** The slide's view as a link hash (`#/<view>?v=2&…`), without theme, language or deck. */
  link: z
    .string()
    .max(16000)
    .regex(/^#\/[a-z]+(\?[^\s]*)?$/),
});

/** Schema of a deck file (and of the deck a link carries). */
export const DeckSchema = z.object({
  format: z.literal(DECK_FORMAT),
  version: z.literal(1),
  title: z.string().min(1).max(200),
  slides: z.array(SlideSchema).min(1).max(60),
});

/** One slide: a saved view with its title and speaker note. */
export type Slide = z.infer<typeof SlideSchema>;
/** A validated deck. */
export type Deck = z.infer<typeof DeckSchema>;

/** A deck, or the reason it was refused. */
export type DeckResult = { ok: true; deck: Deck } | { ok: false; error: string };

/** Validates a parsed JSON value as a deck, naming the first problem. */
export function parseDeck(value: unknown): DeckResult {
  const r = DeckSchema.safeParse(value);
  if (r.success) return { ok: true, deck: r.data };
  const issue = r.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'deck'}: ${issue?.message ?? 'invalid'}` };
}

/** Reads a deck file's text. */
export function readDeckFile(text: string): DeckResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  return parseDeck(value);
}

/** The deck as a file's text. */
export function deckFileText(deck: Deck): string {
  return `${JSON.stringify(deck, null, 2)}\n`;
}

/** The deck in the compact form a link carries. */
export function encodeDeck(deck: Deck): string {
  return packText(JSON.stringify(deck));
}

/** Largest inflated deck accepted from a link (a deflate bomb stops here). */
const MAX_INFLATED = 512 * 1024;

/** Decodes and validates the deck of a link; never throws. */
export function decodeDeck(data: string): DeckResult {
  const text = unpackText(data, MAX_INFLATED);
  return text === null ? { ok: false, error: 'damaged' } : readDeckFile(text);
}

/** The parts of a state a slide keeps: the presenter's theme, language and safe counts are not. */
export function slideLink(state: ViewState): string {
  return stateToHash({
    ...state,
    theme: DEFAULT_STATE.theme,
    lang: DEFAULT_STATE.lang,
    present: false,
    safe: DEFAULT_STATE.safe,
    deck: null,
  });
}

/**
 * The state that shows slide `index` of a deck: the slide's view, in Present mode, with the
 * presenter's theme, language and safe-count setting. Parts of a slide's link that are not
 * understood are returned, for the notice.
 */
export function slideState(
  deck: Deck,
  data: string,
  index: number,
  presenter: Pick<ViewState, 'theme' | 'lang' | 'safe'>,
): { state: ViewState; dropped: string[] } {
  const i = Math.max(0, Math.min(deck.slides.length - 1, index));
  const parsed = hashToState(deck.slides[i]!.link);
  return {
    state: {
      ...parsed.state,
      theme: presenter.theme,
      lang: presenter.lang,
      safe: presenter.safe,
      present: true,
      deck: { data, slide: i },
    },
    dropped: parsed.dropped,
  };
}
