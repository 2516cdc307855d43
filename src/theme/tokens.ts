/**
 * Theme tokens: the one set of colours, type sizes and spacing every theme defines. CSS reads
 * them as custom properties (`--atlas-<token>`); charts and the map read them from here.
 */
import type { ThemeName } from '../model/viewState';

/** The tokens each theme must define. */
export interface ThemeTokens {
  bg: string;
  surface: string;
  surfaceAlt: string;
  border: string;
  text: string;
  textMuted: string;
  accent: string;
  accentText: string;
  danger: string;
  warning: string;
  focus: string;
  /** Categorical palette (Okabe–Ito, colour-blind safe) for series. */
  series: readonly string[];
  /** Map: sea, land, land in a selected or filtered country, borders. */
  mapWater: string;
  mapLand: string;
  mapLandActive: string;
  mapBorder: string;
  /** Sequential ramp (light → dark in light themes) for hotspot density. */
  ramp: readonly string[];
  /** Base font size in px; the projector theme is larger. */
  fontSize: number;
  /** Size of headline figures in px. */
  figureSize: number;
}

const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

/** All themes. */
export const THEME_TOKENS: Record<ThemeName, ThemeTokens> = {
  light: {
    bg: '#f4f5f7',
    surface: '#ffffff',
    surfaceAlt: '#eef0f3',
    border: '#d5d9e0',
    text: '#1b1f24',
    textMuted: '#59616d',
    accent: '#0b5cad',
    accentText: '#ffffff',
    danger: '#b3261e',
    warning: '#8a5a00',
    focus: '#e69f00',
    series: OKABE_ITO,
    mapWater: '#dbe6ef',
    mapLand: '#f7f7f4',
    mapLandActive: '#fde9c2',
    mapBorder: '#9aa5b1',
    ramp: ['#fcd4b4', '#f9b88d', '#f59b6c', '#ee7d53', '#e35d43', '#cf3f3a', '#b02434'],
    fontSize: 15,
    figureSize: 28,
  },
  dark: {
    bg: '#11151b',
    surface: '#1a2029',
    surfaceAlt: '#232b36',
    border: '#34404f',
    text: '#e8ecf1',
    textMuted: '#a3aebd',
    accent: '#6cb4ff',
    accentText: '#0b1420',
    danger: '#ff8a80',
    warning: '#ffcc66',
    focus: '#ffb000',
    series: [
      '#56B4E9',
      '#E69F00',
      '#009E73',
      '#CC79A7',
      '#0072B2',
      '#D55E00',
      '#F0E442',
      '#ffffff',
    ],
    mapWater: '#0c1a26',
    mapLand: '#26303c',
    mapLandActive: '#4a4028',
    mapBorder: '#5d6b7c',
    ramp: ['#3b2d5a', '#5a2f6e', '#7e317a', '#a3357c', '#c74274', '#e65a66', '#fa7f5e'],
    fontSize: 15,
    figureSize: 28,
  },
  projector: {
    bg: '#000000',
    surface: '#0a0a0a',
    surfaceAlt: '#1c1c1c',
    border: '#8c8c8c',
    text: '#ffffff',
    textMuted: '#e0e0e0',
    accent: '#ffd400',
    accentText: '#000000',
    danger: '#ff8a8a',
    warning: '#ffd400',
    focus: '#00e5ff',
    series: [
      '#56B4E9',
      '#FFD400',
      '#00E08A',
      '#FF8AD8',
      '#FF8C33',
      '#FFFFFF',
      '#B0B0B0',
      '#00E5FF',
    ],
    mapWater: '#000000',
    mapLand: '#161616',
    mapLandActive: '#5c4b00',
    mapBorder: '#bdbdbd',
    // Bright from its first step: every hotspot keeps 7:1 against land and sea.
    ramp: ['#ff8c1a', '#ff9d00', '#ffae00', '#ffc000', '#ffd400', '#ffe94d', '#ffff99'],
    fontSize: 21,
    figureSize: 44,
  },
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Applies a theme to the document as CSS custom properties and a `data-theme` attribute. */
export function applyTheme(theme: ThemeName, root: HTMLElement = document.documentElement): void {
  const tokens = THEME_TOKENS[theme];
  for (const [key, value] of Object.entries(tokens)) {
    if (Array.isArray(value)) {
      value.forEach((c, i) => root.style.setProperty(`--atlas-${kebab(key)}-${i}`, c));
    } else {
      root.style.setProperty(
        `--atlas-${kebab(key)}`,
        typeof value === 'number' ? `${value}px` : String(value),
      );
    }
  }
  root.dataset.theme = theme;
  root.style.colorScheme = theme === 'light' ? 'light' : 'dark';
}
