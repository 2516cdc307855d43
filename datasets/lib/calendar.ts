/** The dataset's calendar: 2015-01-01 … 2025-12-31, with days counted since 1970-01-01. */

/** First and last day of the dataset. */
export const START_YEAR = 2015;
export const END_YEAR = 2025;
export const MONTHS = (END_YEAR - START_YEAR + 1) * 12;
export const DAY_MS = 86_400_000;
export const EPOCH_START = Date.UTC(START_YEAR, 0, 1) / DAY_MS;
export const EPOCH_END = Date.UTC(END_YEAR, 11, 31) / DAY_MS;

/** Days since 1970-01-01 → ISO date string. */
export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO date string → days since 1970-01-01. */
export function isoToDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

/** First day of a month counted from January 2015. */
export function monthStartDay(monthIndex: number): number {
  return Date.UTC(START_YEAR + Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
}

/** Number of days in a month counted from January 2015. */
export function daysInMonth(monthIndex: number): number {
  return monthStartDay(monthIndex + 1) - monthStartDay(monthIndex);
}
