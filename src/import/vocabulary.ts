/**
 * Vocabulary resolution: firearm types and calibres as files write them — in English, Spanish,
 * French or Portuguese, singular or plural, any case ("PISTOLAS", "fusil de chasse", "revólver",
 * "9MM", "9×19mm", ".38 SPL", "calibre 12") — to the product's vocabulary, the original kept
 * beside it. Blank-firing, replica and home-made arms are recognised as such (their category),
 * with the base type when the words name one ("pistola de fogueo" → pistol, blank-firing).
 */
import type { Basis, FIREARM_TYPES, TraceOutcome } from '../domain/vocabulary';
import { nameKey } from './text';

/** A product firearm type. */
export type FirearmType = (typeof FIREARM_TYPES)[number];

/** What kind of arm or item a row counts, beside its type. */
export type ArmCategory =
  | 'firearm'
  | 'craft'
  | 'blank_firing'
  | 'replica'
  | 'less_lethal'
  | 'part'
  | 'ammunition'
  | 'explosive';

/** Categories that are firearms (added to firearm totals); every other one is an item apart. */
export const FIREARM_CATEGORIES: ReadonlySet<ArmCategory> = new Set(['firearm', 'craft']);

/** True when rows of this category count as firearms in the totals. */
export function isFirearmCategory(c: ArmCategory): boolean {
  return FIREARM_CATEGORIES.has(c);
}

/** A resolved firearm type. */
export interface ResolvedType {
  type: FirearmType;
  category: ArmCategory;
}

// Phrases first (longest match wins), then single words (singular forms).
const TYPE_PHRASES: [string, FirearmType][] = [
  ['fusil de chasse', 'shotgun'],
  ['fusil a pompe', 'shotgun'],
  ['fusil de caza', 'shotgun'],
  ['pistolet mitrailleur', 'submachine_gun'],
  ['pistola ametralladora', 'submachine_gun'],
  ['pistola metralhadora', 'submachine_gun'],
  ['sub machine gun', 'submachine_gun'],
  ['submachine gun', 'submachine_gun'],
  ['machine pistol', 'submachine_gun'],
  ['machine gun', 'machine_gun'],
  ['combination gun', 'combination_gun'],
  ['arma combinada', 'combination_gun'],
  ['assault rifle', 'rifle'],
  ['fusil de asalto', 'rifle'],
  ['fusil d assaut', 'rifle'],
  ['fuzil de assalto', 'rifle'],
];

const TYPE_WORDS: Record<string, FirearmType> = {
  pistol: 'pistol',
  pistola: 'pistol',
  pistolet: 'pistol',
  revolver: 'revolver',
  revolvere: 'revolver',
  rifle: 'rifle',
  fusil: 'rifle',
  fuzil: 'rifle',
  carabina: 'rifle',
  carabine: 'rifle',
  carbine: 'rifle',
  shotgun: 'shotgun',
  escopeta: 'shotgun',
  espingarda: 'shotgun',
  subametralladora: 'submachine_gun',
  submetralhadora: 'submachine_gun',
  smg: 'submachine_gun',
  ametralladora: 'machine_gun',
  metralhadora: 'machine_gun',
  mitrailleuse: 'machine_gun',
  mitrailleur: 'machine_gun',
  derringer: 'pistol',
  handgun: 'other',
  longarm: 'other',
  garrucha: 'pistol',
  garruchao: 'pistol',
  pistolao: 'pistol',
  pistolete: 'pistol',
  machinegun: 'machine_gun',
  combination: 'combination_gun',
  unknown: 'other',
  desconocido: 'other',
  inconnu: 'other',
  other: 'other',
  otro: 'other',
  otra: 'other',
  autre: 'other',
  outro: 'other',
  outra: 'other',
};

const CATEGORY_PHRASES: [string, ArmCategory][] = [
  // Items that are not firearms: parts and accessories, ammunition, explosives, less-lethal.
  ['destructive device', 'explosive'],
  ['explosive', 'explosive'],
  ['explosivo', 'explosive'],
  ['explosif', 'explosive'],
  ['granada', 'explosive'],
  ['grenade', 'explosive'],
  ['dinamita', 'explosive'],
  ['dynamite', 'explosive'],
  ['artefacto explosivo', 'explosive'],
  ['ammunition', 'ammunition'],
  ['municion', 'ammunition'],
  ['municao', 'ammunition'],
  ['munition', 'ammunition'],
  ['cartridge', 'ammunition'],
  ['cartouche', 'ammunition'],
  ['cartucho', 'ammunition'],
  ['round', 'ammunition'],
  ['bala', 'ammunition'],
  ['proyectil', 'ammunition'],
  ['receiver', 'part'],
  ['frame', 'part'],
  ['silencer', 'part'],
  ['suppressor', 'part'],
  ['silenciador', 'part'],
  ['silencieux', 'part'],
  ['magazine', 'part'],
  ['cargador', 'part'],
  ['proveedor', 'part'],
  ['chargeur', 'part'],
  ['carregador', 'part'],
  ['part', 'part'],
  ['parte', 'part'],
  ['pieza', 'part'],
  ['piece', 'part'],
  ['peca', 'part'],
  ['accesorio', 'part'],
  ['accessory', 'part'],
  ['accessoire', 'part'],
  ['air rifle', 'less_lethal'],
  ['air pistol', 'less_lethal'],
  ['air gun', 'less_lethal'],
  ['airgun', 'less_lethal'],
  ['bb gun', 'less_lethal'],
  ['pellet', 'less_lethal'],
  ['paintball', 'less_lethal'],
  ['starter pistol', 'blank_firing'],
  ['starting pistol', 'blank_firing'],
  ['flare gun', 'less_lethal'],
  ['flare', 'less_lethal'],
  ['bengala', 'less_lethal'],
  ['tear gas', 'less_lethal'],
  ['lacrimogena', 'less_lethal'],
  ['lacrimogene', 'less_lethal'],
  ['taser', 'less_lethal'],
  ['stun gun', 'less_lethal'],
  ['paralizante', 'less_lethal'],
  ['blank firing', 'blank_firing'],
  ['blank', 'blank_firing'],
  ['fogueo', 'blank_firing'],
  ['alarma', 'blank_firing'],
  ['alarme', 'blank_firing'],
  ['alarm', 'blank_firing'],
  ['traumatic', 'blank_firing'],
  ['gas', 'blank_firing'],
  ['replica', 'replica'],
  ['replique', 'replica'],
  ['imitation', 'replica'],
  ['imitacion', 'replica'],
  ['juguete', 'replica'],
  ['toy', 'replica'],
  ['airsoft', 'replica'],
  ['home made', 'craft'],
  ['homemade', 'craft'],
  ['craft', 'craft'],
  ['hechiza', 'craft'],
  ['hechizo', 'craft'],
  ['artesanal', 'craft'],
  ['artisanale', 'craft'],
  ['artisanal', 'craft'],
  ['casera', 'craft'],
  ['caseira', 'craft'],
  ['improvised', 'craft'],
  ['improvisada', 'craft'],
  ['3d printed', 'craft'],
  ['impresa 3d', 'craft'],
  ['zip gun', 'craft'],
  ['pipe gun', 'craft'],
];

// Single words of the category phrases, so their plurals are read too ("municiones", "peças").
const CATEGORY_WORDS = new Set(CATEGORY_PHRASES.filter(([p]) => !p.includes(' ')).map(([p]) => p));
const IRREGULAR: Record<string, string> = { municoes: 'municao', pecas: 'peca' };

/** One word in its singular form when the plural is known: "pistolas" → "pistola". */
function singular(w: string): string {
  if (TYPE_WORDS[w] || CATEGORY_WORDS.has(w)) return w;
  if (IRREGULAR[w]) return IRREGULAR[w];
  for (const cut of ['es', 's']) {
    const stem = w.slice(0, -cut.length);
    if (w.endsWith(cut) && (TYPE_WORDS[stem] || CATEGORY_WORDS.has(stem))) return stem;
  }
  return w;
}

const hasPhrase = (padded: string, phrase: string) => padded.includes(` ${phrase} `);

/** Resolves a firearm type as written, or null when the words name no type or category. */
export function resolveFirearmType(text: string): ResolvedType | null {
  const words = nameKey(text).split(' ').filter(Boolean).map(singular);
  if (words.length === 0) return null;
  const padded = ` ${words.join(' ')} `;
  // "arma de fuego" / "arme à feu" / "firearm" alone name no type; their plural neither.
  let category: ArmCategory = 'firearm';
  for (const [p, c] of CATEGORY_PHRASES) {
    if (hasPhrase(padded, p)) {
      category = c;
      break;
    }
  }
  let type: FirearmType | null = null;
  for (const [p, t] of TYPE_PHRASES) {
    if (hasPhrase(padded, p)) {
      type = t;
      break;
    }
  }
  if (!type) {
    for (const w of words) {
      const t = TYPE_WORDS[w];
      if (t) {
        type = t;
        break;
      }
    }
  }
  if (!type && category === 'firearm') return null;
  return { type: type ?? 'other', category };
}

const GAUGES = new Set([10, 12, 16, 20, 28, 32, 36]);

/** Named calibres: key without spaces or dots → the product's spelling. */
const NAMED: Record<string, string> = {
  '9': '9×19mm',
  '9mm': '9×19mm',
  '9mmparabellum': '9×19mm',
  '9mmpara': '9×19mm',
  '9para': '9×19mm',
  '9mmluger': '9×19mm',
  '9luger': '9×19mm',
  '9mmmakarov': '9×18mm',
  '9makarov': '9×18mm',
  '9mmkurz': '.380 ACP',
  '9mmshort': '.380 ACP',
  '9mmcorto': '.380 ACP',
  '380': '.380 ACP',
  '380acp': '.380 ACP',
  '380auto': '.380 ACP',
  '38': '.38 Special',
  '38spl': '.38 Special',
  '38sp': '.38 Special',
  '38special': '.38 Special',
  '38especial': '.38 Special',
  '357': '.357 Magnum',
  '357mag': '.357 Magnum',
  '357magnum': '.357 Magnum',
  '22': '.22 LR',
  '22lr': '.22 LR',
  '45': '.45 ACP',
  '45acp': '.45 ACP',
  '45auto': '.45 ACP',
  '40': '.40 S&W',
  '40sw': '.40 S&W',
  '40sandw': '.40 S&W',
  '25acp': '.25 ACP',
  '32acp': '.32 ACP',
  '223': '.223 Remington',
  '223rem': '.223 Remington',
  '308': '.308 Winchester',
  '308win': '.308 Winchester',
  '556': '5.56×45mm',
  '556mm': '5.56×45mm',
  '556nato': '5.56×45mm',
  '545': '5.45×39mm',
  '50bmg': '.50 BMG',
  '410': '.410 bore',
  '410bore': '.410 bore',
  '44mag': '.44 Magnum',
  '44magnum': '.44 Magnum',
};

/**
 * Resolves a calibre spelling to the product's (`9×19mm`, `.38 Special`, `12 gauge`…), or null
 * when it is not one the importer knows (the value is then kept as written).
 */
export function resolveCalibre(text: string): string | null {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
  if (!s) return null;
  s = s
    .replace(/[×х*]/g, 'x')
    .replace(/,/g, '.')
    .replace(/\b(calibre|caliber|calibro|cal)\b\.?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Gauges: "12GA", "12 ga.", "12 gauge", "calibre 12", "12 bore" (bare "12" read as gauge too).
  let m = s.match(/^(\d{2})\s*(?:ga\.?|gauge|g|bore|gg)?$/);
  if (
    m &&
    GAUGES.has(+m[1]!) &&
    !['22', '25', '32', '38', '40', '44', '45', '50'].includes(m[1]!)
  ) {
    return `${m[1]} gauge`;
  }
  if ((m = s.match(/^(\d{2})\s*(?:ga\.?|gauge|bore)$/)) && GAUGES.has(+m[1]!))
    return `${m[1]} gauge`;
  // Metric with case length: "9x19", "9 x 19 mm", "7.62x39mm", "7,62 x 54r".
  m = s.match(/^(\d{1,2}(?:\.\d{1,2})?)\s*(?:mm)?\s*x\s*(\d{2,3})\s*(mm)?\s*(r)?$/);
  if (m) return `${m[1]}×${m[2]}mm${m[4] ? 'R' : ''}`;
  const key = s.replace(/^\./, '').replace(/[\s.\-/&]/g, (c) => (c === '&' ? 'and' : ''));
  const named = NAMED[key] ?? NAMED[key.replace(/and/, '')];
  return named ?? null;
}

// Occurrence types as registers write them (en/es/fr/pt), word stems after `nameKey`; the first
// pattern that matches wins, so "stolen firearm recovered" is a recovery.
const BASIS_PATTERNS: [RegExp, Basis][] = [
  [/destru|destroy|remetida ao exercito|inutiliz|chatarriz|fundicion/, 'destroyed'],
  [/recuper|recover|retrouv|restitu/, 'recovered'],
  [/furto|roubo|robo|hurto|theft|stolen|robbery|\bvol\b|volee|vole|sustrac/, 'stolen'],
  [/extravi|perda|perdid|\blost\b|\bloss\b|perte|perdue/, 'lost'],
  [
    /entrega voluntaria|voluntary|surrender|desarmamento|desarme|canje|campanha|campana|rachat|remise|buy ?back|amnist|arrecada|handed in|turned in|entregad/,
    'surrendered',
  ],
  [/hallazg|encontrad|found|trouv|achad|abandon/, 'found'],
  [/apreens|incaut|decomis|aseguramiento|asegurad|seiz|saisi|confisc|apprehen/, 'seized'],
  [
    /apostil|sub judice|alteracao|registro|registr|cadastr|transfer|administra|custodia/,
    'administrative',
  ],
];

/** The basis an occurrence type stands for ("Apreensão de Arma de Fogo" → seized), or null. */
export function resolveBasis(text: string): Basis | null {
  const k = nameKey(text);
  if (!k) return null;
  for (const [re, basis] of BASIS_PATTERNS) if (re.test(k)) return basis;
  return null;
}

// Trace outcomes as registers write them; "not traced" before "traced".
const OUTCOME_PATTERNS: [RegExp, TraceOutcome][] = [
  [
    /not trace|untrace|no rastrea|non trac|nao rastre|unsuccessful|no exitos|not found|sin resultado|negativ|incomplet|not traceable|no trazable|intracable/,
    'not_traceable',
  ],
  [/refus|deneg|rechaz|declin|recus|negad/, 'refused'],
  [
    /pending|pendiente|en curso|en attente|pendente|in progress|\bopen\b|sin respuesta|no answer|en tramite/,
    'pending',
  ],
  [
    /traced|success|exito|positiv|identif|rastread|trouve|complete|answered|respondid|trace/,
    'traced',
  ],
];

/** The outcome a trace request's result stands for ("Rastreada" → traced), or null. */
export function resolveOutcome(text: string): TraceOutcome | null {
  const k = nameKey(text);
  if (!k) return null;
  for (const [re, outcome] of OUTCOME_PATTERNS) if (re.test(k)) return outcome;
  return null;
}
