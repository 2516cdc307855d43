/**
 * What is trafficked on each kind of corridor: firearm models with their type, calibre, maker's
 * country and years of production. Makes and models are common, publicly documented commercial
 * or military designs; "craft" entries have no make. Shares are invented but follow the public
 * record: pistols are over half of seizures in the Americas, shotguns and AK-pattern rifles are
 * more common in Africa.
 */
import type { Condition, FirearmType } from '../../src/domain/vocabulary';

/** One firearm model that can be drawn from an arsenal. */
export interface ModelSpec {
  type: FirearmType;
  make: string | null;
  model: string;
  calibre: string;
  /** ISO3 of the country of manufacture, or null for craft-made arms. */
  country: string | null;
  years: readonly [number, number];
  weight: number;
  /** Condition when it is not "original" by default. */
  condition?: Condition;
}

/** Arsenal profiles referenced by corridors and local seizures. */
export type ArsenalKey =
  | 'us_civilian'
  | 'latam_domestic'
  | 'latam_stockpile'
  | 'europe_legal'
  | 'turkish_civilian'
  | 'sahel_stockpile'
  | 'central_africa_mix'
  | 'west_africa_civilian'
  | 'craft_africa';

const m = (
  type: FirearmType,
  make: string | null,
  model: string,
  calibre: string,
  country: string | null,
  years: [number, number],
  weight: number,
  condition?: Condition,
): ModelSpec => ({ type, make, model, calibre, country, years, weight, condition });

/** The models of each arsenal. */
export const ARSENALS: Record<ArsenalKey, readonly ModelSpec[]> = {
  us_civilian: [
    m('pistol', 'Glock', 'G19', '9×19mm', 'AUT', [1995, 2024], 9),
    m('pistol', 'Glock', 'G17', '9×19mm', 'AUT', [1990, 2024], 5),
    m('pistol', 'Taurus', 'G2C', '9×19mm', 'BRA', [2012, 2024], 6),
    m('pistol', 'Smith & Wesson', 'M&P9', '9×19mm', 'USA', [2006, 2024], 5),
    m('pistol', 'Ruger', 'LCP', '.380 ACP', 'USA', [2008, 2024], 4),
    m('pistol', 'SIG Sauer', 'P320', '9×19mm', 'USA', [2014, 2024], 3),
    m('pistol', 'Beretta', '92FS', '9×19mm', 'ITA', [1990, 2022], 3),
    m('pistol', 'Colt', 'M1911', '.45 ACP', 'USA', [1970, 2020], 2),
    m('pistol', 'Smith & Wesson', 'SD40', '.40 S&W', 'USA', [2010, 2022], 2),
    m('pistol', 'Hi-Point', 'C9', '9×19mm', 'USA', [2000, 2024], 2),
    m('pistol', null, 'Polymer80-type kit', '9×19mm', null, [2017, 2024], 1.5, 'craft'),
    m('rifle', 'Colt', 'AR-15', '5.56×45mm', 'USA', [1985, 2023], 4),
    m('rifle', 'Smith & Wesson', 'M&P15', '5.56×45mm', 'USA', [2006, 2024], 3),
    m('rifle', 'Ruger', 'AR-556', '5.56×45mm', 'USA', [2014, 2024], 2),
    m('rifle', 'Cugir', 'WASR-10', '7.62×39mm', 'ROU', [1999, 2020], 3),
    m('rifle', 'Ruger', '10/22', '.22 LR', 'USA', [1980, 2024], 1.5),
    m('rifle', 'Barrett', 'M82', '.50 BMG', 'USA', [1995, 2020], 0.3),
    m('revolver', 'Smith & Wesson', 'Model 10', '.38 Special', 'USA', [1960, 2015], 3),
    m('revolver', 'Taurus', 'Model 85', '.38 Special', 'BRA', [1985, 2022], 3),
    m('shotgun', 'Mossberg', '500', '12 gauge', 'USA', [1980, 2024], 2.5),
    m('shotgun', 'Remington', '870', '12 gauge', 'USA', [1975, 2020], 2),
    m('submachine_gun', 'Intratec', 'TEC-9', '9×19mm', 'USA', [1985, 1994], 0.6),
    m('machine_gun', 'FN Herstal', 'M249', '5.56×45mm', 'BEL', [1990, 2015], 0.1),
  ],
  latam_domestic: [
    m('pistol', 'Taurus', 'PT 24/7', '.40 S&W', 'BRA', [2005, 2022], 6),
    m('pistol', 'Taurus', 'PT92', '9×19mm', 'BRA', [1990, 2022], 5),
    m('pistol', 'Bersa', 'Thunder 380', '.380 ACP', 'ARG', [1995, 2023], 5),
    m('pistol', 'Imbel', 'MD1', '.40 S&W', 'BRA', [1995, 2020], 2),
    m('revolver', 'Rossi', 'R461', '.38 Special', 'BRA', [1990, 2020], 5),
    m('revolver', 'Taurus', 'RT85', '.38 Special', 'BRA', [1985, 2020], 4),
    m('shotgun', 'CBC', 'Pump Military 3.0', '12 gauge', 'BRA', [2000, 2023], 3),
    m('rifle', 'Imbel', 'IA2', '5.56×45mm', 'BRA', [2012, 2023], 1),
    m('rifle', 'FN Herstal', 'FAL', '7.62×51mm', 'BEL', [1960, 1990], 1),
    m('other', null, 'Home-made pistol', '.22 LR', null, [2005, 2025], 1, 'craft'),
  ],
  latam_stockpile: [
    m('rifle', 'Kalashnikov Concern', 'AK-103', '7.62×39mm', 'RUS', [2006, 2014], 6),
    m('rifle', 'IMI', 'Galil', '5.56×45mm', 'ISR', [1975, 2000], 3),
    m('rifle', 'Colt', 'M16A2', '5.56×45mm', 'USA', [1985, 2000], 3),
    m('rifle', 'FN Herstal', 'FAL', '7.62×51mm', 'BEL', [1960, 1990], 2),
    m('pistol', 'Glock', 'G17', '9×19mm', 'AUT', [1990, 2015], 4),
    m('pistol', 'Beretta', '92FS', '9×19mm', 'ITA', [1990, 2015], 3),
    m('pistol', 'Makarov', 'PM', '9×18mm', 'RUS', [1960, 1995], 1),
    m('submachine_gun', 'Heckler & Koch', 'MP5', '9×19mm', 'DEU', [1980, 2010], 1),
    m('machine_gun', 'Kalashnikov Concern', 'PKM', '7.62×54mmR', 'RUS', [1970, 2010], 0.4),
    m('revolver', 'Smith & Wesson', 'Model 10', '.38 Special', 'USA', [1960, 2000], 1),
  ],
  europe_legal: [
    m('pistol', 'Glock', 'G17', '9×19mm', 'AUT', [1995, 2024], 6),
    m('pistol', 'CZ', 'P-07', '9×19mm', 'CZE', [2009, 2024], 4),
    m('pistol', 'CZ', '75', '9×19mm', 'CZE', [1980, 2024], 3),
    m('pistol', 'Beretta', 'APX', '9×19mm', 'ITA', [2017, 2024], 2),
    m('pistol', 'Zastava', 'CZ99', '9×19mm', 'SRB', [1990, 2018], 2),
    m('pistol', 'Walther', 'PPQ', '9×19mm', 'DEU', [2011, 2024], 1.5),
    m('rifle', 'Zastava', 'M70', '7.62×39mm', 'SRB', [1970, 2000], 2),
    m('rifle', 'CZ', 'Bren 2', '5.56×45mm', 'CZE', [2015, 2024], 1),
    m('shotgun', 'Beretta', '1301', '12 gauge', 'ITA', [2010, 2024], 1),
    m('rifle', 'Heckler & Koch', 'G3', '7.62×51mm', 'DEU', [1965, 1995], 1),
    m('pistol', 'FN Herstal', 'Five-seveN', '5.7×28mm', 'BEL', [2000, 2024], 0.8),
    m(
      'rifle',
      null,
      'Reactivated AK-pattern',
      '7.62×39mm',
      'SVK',
      [1970, 1990],
      0.8,
      'reactivated',
    ),
  ],
  turkish_civilian: [
    m('shotgun', 'Hatsan', 'Escort Pump', '12 gauge', 'TUR', [2005, 2024], 7),
    m('shotgun', 'Retay', 'Masai Mara', '12 gauge', 'TUR', [2012, 2024], 3),
    m('shotgun', 'Akkar', 'Karatay', '12 gauge', 'TUR', [2008, 2024], 2),
    m('pistol', 'Ekol', 'Firat Magnum (converted)', '9×19mm', 'TUR', [2010, 2024], 5, 'converted'),
    m('pistol', 'Zoraki', '917 (converted)', '9×19mm', 'TUR', [2012, 2024], 4, 'converted'),
    m('pistol', 'Canik', 'TP9', '9×19mm', 'TUR', [2012, 2024], 3),
    m('pistol', 'Sarsılmaz', 'SAR 9', '9×19mm', 'TUR', [2013, 2024], 1.5),
    m('revolver', 'Ekol', 'Viper (converted)', '.38 Special', 'TUR', [2012, 2024], 1, 'converted'),
  ],
  sahel_stockpile: [
    m('rifle', 'Izhmash', 'AKM', '7.62×39mm', 'RUS', [1960, 1990], 8),
    m('rifle', 'Norinco', 'Type 56', '7.62×39mm', 'CHN', [1965, 2005], 7),
    m('rifle', 'Zastava', 'M70', '7.62×39mm', 'SRB', [1970, 1995], 3),
    m('rifle', 'Arsenal', 'AR-M1', '7.62×39mm', 'BGR', [1995, 2015], 2),
    m('rifle', 'FN Herstal', 'FAL', '7.62×51mm', 'BEL', [1960, 1985], 2),
    m('rifle', 'Heckler & Koch', 'G3', '7.62×51mm', 'DEU', [1965, 1990], 1.5),
    m('rifle', 'Tula Arms', 'SKS', '7.62×39mm', 'RUS', [1950, 1960], 1),
    m('machine_gun', 'Degtyaryov', 'PKM', '7.62×54mmR', 'RUS', [1965, 1995], 1.5),
    m('machine_gun', 'Norinco', 'Type 80', '7.62×54mmR', 'CHN', [1985, 2005], 0.8),
    m('pistol', 'Makarov', 'PM', '9×18mm', 'RUS', [1960, 1995], 1.2),
    m('shotgun', 'Baikal', 'IZH-27', '12 gauge', 'RUS', [1975, 2010], 1.2),
  ],
  central_africa_mix: [
    m('rifle', 'Norinco', 'Type 56', '7.62×39mm', 'CHN', [1970, 2010], 6),
    m('rifle', 'Izhmash', 'AKM', '7.62×39mm', 'RUS', [1960, 1990], 4),
    m('rifle', 'Cugir', 'PM md. 63', '7.62×39mm', 'ROU', [1963, 1990], 2),
    m('shotgun', null, 'Calibre 12 artisanal', '12 gauge', null, [1990, 2025], 6, 'craft'),
    m('shotgun', 'Baikal', 'MP-153', '12 gauge', 'RUS', [2000, 2020], 1.5),
    m('pistol', 'Makarov', 'PM', '9×18mm', 'RUS', [1960, 1995], 1.5),
    m('machine_gun', 'Degtyaryov', 'PKM', '7.62×54mmR', 'RUS', [1965, 1995], 0.6),
  ],
  west_africa_civilian: [
    m('shotgun', 'Hatsan', 'Escort Pump', '12 gauge', 'TUR', [2005, 2024], 5),
    m('shotgun', 'Baikal', 'IZH-43', '12 gauge', 'RUS', [1985, 2015], 2.5),
    m('shotgun', 'Beretta', 'A300', '12 gauge', 'ITA', [1990, 2020], 1),
    m('pistol', 'Ekol', 'Firat Magnum (converted)', '9×19mm', 'TUR', [2010, 2024], 3, 'converted'),
    m('pistol', 'Browning', 'Hi-Power', '9×19mm', 'BEL', [1965, 2010], 1.5),
    m('rifle', 'Izhmash', 'AKM', '7.62×39mm', 'RUS', [1960, 1990], 3),
    m('rifle', 'Norinco', 'Type 56', '7.62×39mm', 'CHN', [1965, 2005], 2.5),
    m('revolver', 'Taurus', 'Model 85', '.38 Special', 'BRA', [1990, 2020], 1),
    m('combination_gun', 'Baikal', 'IZH-94', '12 gauge/7.62×39mm', 'RUS', [1995, 2015], 0.3),
  ],
  craft_africa: [
    m('shotgun', null, 'Dane gun (single-barrel)', '12 gauge', null, [1995, 2025], 7, 'craft'),
    m('pistol', null, 'Craft pistol', '9×19mm', null, [2005, 2025], 4, 'craft'),
    m('revolver', null, 'Craft revolver', '.38 Special', null, [2005, 2025], 1, 'craft'),
    m('rifle', null, 'Craft AK-pattern copy', '7.62×39mm', null, [2010, 2025], 0.8, 'craft'),
    m('shotgun', 'Hatsan', 'Escort Pump', '12 gauge', 'TUR', [2005, 2024], 1),
  ],
};

/** Arsenal mix of local (non-corridor) seizures by DISRUPT region. */
export const LOCAL_ARSENALS: Record<string, readonly (readonly [ArsenalKey, number])[]> = {
  central_america_mexico: [
    ['us_civilian', 0.75],
    ['latam_stockpile', 0.15],
    ['europe_legal', 0.1],
  ],
  caribbean: [
    ['us_civilian', 0.85],
    ['latam_stockpile', 0.1],
    ['latam_domestic', 0.05],
  ],
  south_america: [
    ['latam_domestic', 0.5],
    ['us_civilian', 0.2],
    ['europe_legal', 0.15],
    ['latam_stockpile', 0.15],
  ],
  west_africa: [
    ['west_africa_civilian', 0.35],
    ['craft_africa', 0.3],
    ['sahel_stockpile', 0.25],
    ['turkish_civilian', 0.1],
  ],
  central_africa: [
    ['central_africa_mix', 0.6],
    ['sahel_stockpile', 0.25],
    ['craft_africa', 0.15],
  ],
};
