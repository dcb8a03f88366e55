export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** `value` halved every `halfLifeHours` of `ageMs`; an age below zero (clock skew) does not make it grow. */
export function decayed(value: number, ageMs: number, halfLifeHours: number): number {
  return value * 0.5 ** (Math.max(0, ageMs) / (halfLifeHours * HOUR_MS));
}

/** Rounded to 4 decimals, so that stored scores and JSON carry no float noise (0.7000000000000001). */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
