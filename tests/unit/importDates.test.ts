/**
 * The importer's date reading (`src/import/text.ts`) on dates as police and ministry exports write
 * them: day order (per value and per column), times of day, month names in four languages,
 * quarters, Excel serials, and the language vote that picks a default day order.
 */
import { describe, expect, it } from 'vitest';
import {
  dateOrderOf,
  excelSerialDate,
  guessLanguage,
  languageDateOrder,
  monthOf,
  parseDate,
  type ParsedDate,
} from '../../src/import/text';

const day = (date: string): ParsedDate => ({ date, precision: 'day' });
const month = (date: string): ParsedDate => ({ date, precision: 'month' });
const quarter = (date: string): ParsedDate => ({ date, precision: 'quarter' });
const year = (date: string): ParsedDate => ({ date, precision: 'year' });

describe('all-numeric days and their order', () => {
  it('reads a/b/yyyy day-first by default and month-first on request', () => {
    expect(parseDate('01/02/2019')).toEqual(day('2019-02-01'));
    expect(parseDate('01/02/2019', 'dmy')).toEqual(day('2019-02-01'));
    expect(parseDate('01/02/2019', 'mdy')).toEqual(day('2019-01-02'));
    expect(parseDate('01.02.2019', 'mdy')).toEqual(day('2019-01-02'));
    expect(parseDate('01-02-2019', 'mdy')).toEqual(day('2019-01-02'));
    expect(parseDate('12/31/2021', 'mdy')).toEqual(day('2021-12-31'));
  });

  it('takes unpadded parts and 2-digit years', () => {
    expect(parseDate('1/2/2019')).toEqual(day('2019-02-01'));
    expect(parseDate('1/2/19')).toEqual(day('2019-02-01'));
    expect(parseDate('1.2.19', 'mdy')).toEqual(day('2019-01-02'));
    expect(parseDate('5-6-99')).toEqual(day('1999-06-05'));
    expect(parseDate('31.12.21')).toEqual(day('2021-12-31'));
  });

  it('refuses impossible dates in the chosen order instead of swapping', () => {
    expect(parseDate('31/02/2019')).toBeNull();
    expect(parseDate('31/02/2019', 'mdy')).toBeNull();
    expect(parseDate('25/12/2019', 'mdy')).toBeNull();
    expect(parseDate('12/25/2019')).toBeNull();
    expect(parseDate('29/02/2019')).toBeNull();
    expect(parseDate('29/02/2020')).toEqual(day('2020-02-29'));
    expect(parseDate('00/01/2020')).toBeNull();
    expect(parseDate('13/13/2020')).toBeNull();
  });

  it('reads year-first days with any separator, the order aside', () => {
    expect(parseDate('2019-02-01')).toEqual(day('2019-02-01'));
    expect(parseDate('2019/02/01')).toEqual(day('2019-02-01'));
    expect(parseDate('2019.02.01')).toEqual(day('2019-02-01'));
    expect(parseDate('2019/02/01', 'mdy')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-2-1')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-02-30')).toBeNull();
  });
});

describe('the day order of a column', () => {
  it('is decided by a first part over 12', () => {
    expect(dateOrderOf(['01/02/2019', '13/02/2019'])).toEqual({ order: 'dmy', decided: 'values' });
    expect(dateOrderOf(['01.02.2019', '31.12.19'])).toEqual({ order: 'dmy', decided: 'values' });
  });

  it('is decided by a second part over 12', () => {
    expect(dateOrderOf(['01/02/2019', '02/13/2019'])).toEqual({ order: 'mdy', decided: 'values' });
    expect(dateOrderOf(['1/2/2019 3:15 PM', '12/31/2019 12:00:00 AM'])).toEqual({
      order: 'mdy',
      decided: 'values',
    });
  });

  it('prefers day-first evidence wherever it is in the column', () => {
    expect(dateOrderOf(['02/13/2019', '13/02/2019'])).toEqual({ order: 'dmy', decided: 'values' });
  });

  it('defaults to day-first without evidence', () => {
    expect(dateOrderOf(['01/02/2019'])).toEqual({ order: 'dmy', decided: 'default' });
    expect(dateOrderOf([])).toEqual({ order: 'dmy', decided: 'default' });
    expect(dateOrderOf(['2019-02-13', 'Jan 2021', 2019, null, '', 'n/a'])).toEqual({
      order: 'dmy',
      decided: 'default',
    });
  });

  it('ignores values impossible in either order and parts over 31', () => {
    expect(dateOrderOf(['13/13/2019', '01/02/2019'])).toEqual({ order: 'dmy', decided: 'default' });
    expect(dateOrderOf(['45/02/2019'])).toEqual({ order: 'dmy', decided: 'default' });
  });

  it('reads any iterable, e.g. a Set', () => {
    expect(dateOrderOf(new Set(['01/02/2019', '02/13/2019']))).toEqual({
      order: 'mdy',
      decided: 'values',
    });
  });
});

describe('times of day after a date', () => {
  it('are accepted and dropped', () => {
    expect(parseDate('01/02/2019 12:00:00 AM')).toEqual(day('2019-02-01'));
    expect(parseDate('01/02/2019 00:00:00')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-02-01 00:00')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-02-01T00:00:00Z')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-02-01T00:00:00.000+02:00')).toEqual(day('2019-02-01'));
    expect(parseDate('2019-02-01T23:59:59.999-0500')).toEqual(day('2019-02-01'));
    expect(parseDate('2019/02/01 08:30')).toEqual(day('2019-02-01'));
    expect(parseDate('15-Jan-2021 10:00')).toEqual(day('2021-01-15'));
  });

  it('take 12-hour clocks, in either day order', () => {
    expect(parseDate('1/2/2019 3:15 PM')).toEqual(day('2019-02-01'));
    expect(parseDate('1/2/2019 3:15 PM', 'mdy')).toEqual(day('2019-01-02'));
    expect(parseDate('12/31/2019 11:59:59 p.m.', 'mdy')).toEqual(day('2019-12-31'));
    expect(parseDate('01/02/2019 12:00:00 AM', 'mdy')).toEqual(day('2019-01-02'));
  });

  it('must be valid times, after a valid day', () => {
    expect(parseDate('1/2/2019 13:15 PM')).toBeNull();
    expect(parseDate('1/2/2019 25:00')).toBeNull();
    expect(parseDate('1/2/2019 10:75')).toBeNull();
    expect(parseDate('31/02/2019 00:00:00')).toBeNull();
    expect(parseDate('2019 10:00')).toBeNull();
    expect(parseDate('03/2021 10:00')).toBeNull();
  });
});

describe('month names in English, Spanish, French and Portuguese', () => {
  it('are found with accents, dots and abbreviations', () => {
    expect(monthOf('março')).toBe(3);
    expect(monthOf('févr.')).toBe(2);
    expect(monthOf('juil.')).toBe(7);
    expect(monthOf('déc')).toBe(12);
    expect(monthOf('sept.')).toBe(9);
    expect(monthOf('dic.')).toBe(12);
    expect(monthOf('août')).toBe(8);
    for (const [name, m] of [
      ['fev', 2],
      ['abr', 4],
      ['mai', 5],
      ['ago', 8],
      ['set', 9],
      ['out', 10],
      ['dez', 12],
    ] as const) {
      expect(monthOf(name)).toBe(m);
    }
    expect(monthOf('Texas')).toBeNull();
  });

  it('make months', () => {
    expect(parseDate('ene-2019')).toEqual(month('2019-01-01'));
    expect(parseDate('ene-19')).toEqual(month('2019-01-01'));
    expect(parseDate('janv. 2019')).toEqual(month('2019-01-01'));
    expect(parseDate('févr. 2020')).toEqual(month('2020-02-01'));
    expect(parseDate('março de 2020')).toEqual(month('2020-03-01'));
    expect(parseDate('marzo de 2020')).toEqual(month('2020-03-01'));
    expect(parseDate('Jan 2021')).toEqual(month('2021-01-01'));
    expect(parseDate('Jan. 2021')).toEqual(month('2021-01-01'));
    expect(parseDate('2021 Jan')).toEqual(month('2021-01-01'));
    expect(parseDate('2021-jan')).toEqual(month('2021-01-01'));
    expect(parseDate('March 2021')).toEqual(month('2021-03-01'));
    expect(parseDate('dez/2020')).toEqual(month('2020-12-01'));
  });

  it('make days with a day number', () => {
    expect(parseDate('1 de março de 2020')).toEqual(day('2020-03-01'));
    expect(parseDate('15 janvier 2021')).toEqual(day('2021-01-15'));
    expect(parseDate('1er janvier 2021')).toEqual(day('2021-01-01'));
    expect(parseDate('January 15, 2021')).toEqual(day('2021-01-15'));
    expect(parseDate('January 15th, 2021')).toEqual(day('2021-01-15'));
    expect(parseDate('15-Jan-2021')).toEqual(day('2021-01-15'));
    expect(parseDate('15-jan-21')).toEqual(day('2021-01-15'));
    expect(parseDate('15 de enero de 2021')).toEqual(day('2021-01-15'));
    expect(parseDate('2021 Jan 15')).toEqual(day('2021-01-15'));
    expect(parseDate('lundi 15 janvier 2021')).toEqual(day('2021-01-15'));
  });

  it('ignore the day order, which is only for all-numeric dates', () => {
    expect(parseDate('15-Jan-2021', 'mdy')).toEqual(day('2021-01-15'));
    expect(parseDate('January 15, 2021', 'mdy')).toEqual(day('2021-01-15'));
  });

  it('refuse impossible days and other words', () => {
    expect(parseDate('31-feb-2021')).toBeNull();
    expect(parseDate('30 de fevereiro de 2020')).toBeNull();
    expect(parseDate('Texas 2021')).toBeNull();
    expect(parseDate('Dec 2019 - Jan 2020')).toBeNull();
    expect(parseDate('Jan 1800')).toBeNull();
  });
});

describe('quarters', () => {
  it('keep the forms read before', () => {
    expect(parseDate('Q2 2020')).toEqual(quarter('2020-04-01'));
    expect(parseDate('2020 T3')).toEqual(quarter('2020-07-01'));
    expect(parseDate('2020-Q2')).toEqual(quarter('2020-04-01'));
  });

  it('read the forms of Spanish, French and Portuguese reports', () => {
    expect(parseDate('1T 2020')).toEqual(quarter('2020-01-01'));
    expect(parseDate('2020-T1')).toEqual(quarter('2020-01-01'));
    expect(parseDate('1er trimestre 2020')).toEqual(quarter('2020-01-01'));
    expect(parseDate('primer trimestre 2020')).toEqual(quarter('2020-01-01'));
    expect(parseDate('1º trimestre de 2020')).toEqual(quarter('2020-01-01'));
    expect(parseDate('Q1-2020')).toEqual(quarter('2020-01-01'));
    expect(parseDate('2020Q1')).toEqual(quarter('2020-01-01'));
    expect(parseDate('4T 2019')).toEqual(quarter('2019-10-01'));
    expect(parseDate('3er trimestre 2021')).toEqual(quarter('2021-07-01'));
    expect(parseDate('segundo trimestre de 2020')).toEqual(quarter('2020-04-01'));
    expect(parseDate('2nd quarter 2020')).toEqual(quarter('2020-04-01'));
    expect(parseDate('trimestre 2 2020')).toEqual(quarter('2020-04-01'));
  });

  it('refuse a fifth quarter or a missing year', () => {
    expect(parseDate('Q5 2020')).toBeNull();
    expect(parseDate('5T 2020')).toBeNull();
    expect(parseDate('Q1')).toBeNull();
    expect(parseDate('primer trimestre')).toBeNull();
  });
});

describe('years and plain numbers', () => {
  it('stay years, never serial dates', () => {
    expect(parseDate(2019)).toEqual(year('2019-01-01'));
    expect(parseDate('2019')).toEqual(year('2019-01-01'));
    expect(parseDate(1900)).toEqual(year('1900-01-01'));
    expect(parseDate(2100)).toEqual(year('2100-01-01'));
    expect(parseDate(43466)).toBeNull();
    expect(parseDate('43466')).toBeNull();
    expect(parseDate(1899)).toBeNull();
  });

  it('are never years when fractional', () => {
    expect(parseDate(2019.5)).toBeNull();
    expect(parseDate(2020.0001)).toBeNull();
  });

  it('leave empty and non-date cells null', () => {
    for (const c of [null, undefined, '', '  ', true, 'Texas', 'n/a', '-']) {
      expect(parseDate(c)).toBeNull();
    }
  });
});

describe('Excel serial dates', () => {
  // Excel's 1900 system from serial 61 on: days since 1899-12-30 (serial 60 is a fictitious 1900-02-29).
  const fromEpoch = (n: number) =>
    new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);

  it('read whole and fractional serials as days', () => {
    expect(excelSerialDate(43466)).toEqual(day('2019-01-01'));
    expect(excelSerialDate(43831.5)).toEqual(day('2020-01-01'));
    expect(excelSerialDate(43831.999)).toEqual(day('2020-01-01'));
    expect(excelSerialDate(43890)).toEqual(day('2020-02-29'));
    expect(excelSerialDate(44196)).toEqual(day('2020-12-31'));
  });

  it('follow the 1900 date system formula across the range', () => {
    expect(excelSerialDate(20000)).toEqual(day('1954-10-03'));
    expect(excelSerialDate(60000)).toEqual(day('2064-04-08'));
    for (let n = 20000; n <= 60000; n += 997) {
      expect(excelSerialDate(n)).toEqual(day(fromEpoch(n)));
    }
  });

  it('refuse serials outside days 20000–60000, the 1900 leap-year bug included', () => {
    expect(excelSerialDate(59)).toBeNull();
    expect(excelSerialDate(60)).toBeNull();
    expect(excelSerialDate(61)).toBeNull();
    expect(excelSerialDate(19999.9)).toBeNull();
    expect(excelSerialDate(60001)).toBeNull();
    expect(excelSerialDate(2019)).toBeNull();
    expect(excelSerialDate(-43466)).toBeNull();
    expect(excelSerialDate(Number.NaN)).toBeNull();
    expect(excelSerialDate(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('the language of a sheet and its day order', () => {
  it('is month-first for English only', () => {
    expect(languageDateOrder('en')).toBe('mdy');
    expect(languageDateOrder('en-US')).toBe('mdy');
    expect(languageDateOrder('en-GB')).toBe('dmy');
    for (const l of ['es', 'fr', 'pt', 'de', '']) expect(languageDateOrder(l)).toBe('dmy');
    expect(languageDateOrder(null)).toBe('dmy');
  });

  it('is guessed from headers, titles and values', () => {
    expect(guessLanguage(['Date', 'State', 'County', 'Firearm type', 'Total'])).toBe('en');
    expect(guessLanguage(['Number of firearms seized by the police'])).toBe('en');
    expect(guessLanguage(['Fecha', 'Tipo de arma', 'Provincia', 'Cantidad'])).toBe('es');
    expect(guessLanguage(['Armas incautadas por la policía'])).toBe('es');
    expect(guessLanguage(['Date de saisie', 'Département', 'Type d’arme', 'Nombre'])).toBe('fr');
    expect(guessLanguage(['Data', 'Município', 'UF', 'Tipo de arma', 'Quantidade'])).toBe('pt');
    expect(guessLanguage(['Apreensão de armas', 'Ocorrência'])).toBe('pt');
  });

  it('is null without a vote and deterministic on ties', () => {
    expect(guessLanguage([])).toBeNull();
    expect(guessLanguage(['123', 'Glock 17', '9mm'])).toBeNull();
    // "de" is Spanish, French and Portuguese alike: the tie goes to the first of en, es, fr, pt.
    expect(guessLanguage(['de'])).toBe('es');
    expect(guessLanguage(['de'])).toBe(guessLanguage(['de']));
  });

  it('gives a day order that reads the column', () => {
    const lang = guessLanguage(['Date', 'County', 'Firearm type']);
    const order = languageDateOrder(lang);
    expect(parseDate('03/04/2021', order)).toEqual(day('2021-03-04'));
  });
});
