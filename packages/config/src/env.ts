/**
 * Environment parsing shared by both services. Each service declares its variables once, in its own
 * `config.ts`, with a parser and a comment per variable; nothing else in the tree reads `process.env`.
 * A bad value throws a ConfigError whose message is one line naming the variable.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A parser turns the raw value (undefined when unset or empty) into a typed one, or throws with the problem. */
export type EnvParser<T> = (raw: string | undefined) => T;

class ProblemWithValue extends Error {}

function fail(problem: string): never {
  throw new ProblemWithValue(problem);
}

export const text =
  (defaultValue: string): EnvParser<string> =>
  (raw) =>
    raw ?? defaultValue;

export const optionalText: EnvParser<string | undefined> = (raw) => raw;

export const integer =
  (defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): EnvParser<number> =>
  (raw) => {
    if (raw === undefined) return defaultValue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(`must be an integer between ${min} and ${max}, got "${raw}"`);
    }
    return value;
  };

export const oneOf =
  <const T extends string>(values: readonly T[], defaultValue: T): EnvParser<T> =>
  (raw) => {
    if (raw === undefined) return defaultValue;
    if (!(values as readonly string[]).includes(raw))
      fail(`must be one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  };

export const url =
  (protocols: readonly string[], defaultValue?: string): EnvParser<string> =>
  (raw) => {
    const value = raw ?? defaultValue;
    if (value === undefined) fail('is required');
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      fail(`must be a URL (${protocols.join(' or ')}), got "${value}"`);
    }
    if (!protocols.includes(parsed.protocol))
      fail(`must start with ${protocols.join(' or ')}, got "${value}"`);
    return value;
  };

export const optionalUrl =
  (protocols: readonly string[]): EnvParser<string | undefined> =>
  (raw) =>
    raw === undefined ? undefined : url(protocols)(raw);

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+$/;

/** Comma-separated e-mail addresses; empty when unset. */
export const emailList: EnvParser<string[]> = (raw) => {
  if (raw === undefined) return [];
  const addresses = raw
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const bad = addresses.find((address) => !EMAIL.test(address));
  if (bad !== undefined) fail(`must be comma-separated e-mail addresses, "${bad}" is not one`);
  return addresses;
};

/** Comma-separated list of plain strings; empty when unset. */
export const list: EnvParser<string[]> = (raw) =>
  raw === undefined
    ? []
    : raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

export const boolean =
  (defaultValue: boolean): EnvParser<boolean> =>
  (raw) => {
    if (raw === undefined) return defaultValue;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    return fail(`must be true or false, got "${raw}"`);
  };

/** A five-field cron expression; the scheduler checks it fully, this catches the obvious mistakes early. */
export const cron =
  (defaultValue: string): EnvParser<string> =>
  (raw) => {
    const value = raw ?? defaultValue;
    if (value.trim().split(/\s+/).length !== 5) fail(`must be a five-field cron expression, got "${value}"`);
    return value;
  };

export const timeZone =
  (defaultValue: string): EnvParser<string> =>
  (raw) => {
    const value = raw ?? defaultValue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
    } catch {
      fail(`must be an IANA time zone such as Europe/Paris, got "${value}"`);
    }
    return value;
  };

type Parsed<S extends Record<string, EnvParser<unknown>>> = { [K in keyof S]: ReturnType<S[K]> };

/** Reads every variable of a schema; the first bad one stops with a ConfigError naming it. */
export function parseEnv<S extends Record<string, EnvParser<unknown>>>(schema: S, env: Env): Parsed<S> {
  const result: Record<string, unknown> = {};
  for (const [variable, parse] of Object.entries(schema)) {
    const raw = env[variable];
    try {
      result[variable] = parse(raw === undefined || raw.trim() === '' ? undefined : raw.trim());
    } catch (error) {
      if (error instanceof ProblemWithValue) throw new ConfigError(variable, error.message);
      throw error;
    }
  }
  return result as Parsed<S>;
}
