import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

/**
 * The records of `POST /v1/admin/import` and `pnpm run import`, one JSON object per line. People and units are
 * named as the identity claims name them; a record about a story names it by the story's `externalId`.
 */
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const IsoInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'ISO 8601 instant with a time zone',
});

export const ImportMemberSchema = Type.Object({
  sub: Text(200),
  name: Type.Optional(Text(200)),
  unit: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }),
  roles: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
});

const common = {
  externalId: Text(200),
  occurredAt: IsoInstant,
  member: ImportMemberSchema,
};

export const ImportRecordSchema = Type.Union([
  Type.Object({
    type: Type.Literal('story'),
    ...common,
    title: Text(200),
    body: Text(20_000),
    tags: Type.Optional(Type.Array(Text(40), { maxItems: 10 })),
  }),
  Type.Object({
    type: Type.Literal('engagement'),
    ...common,
    story: Text(200),
    kind: Type.Union([Type.Literal('view'), Type.Literal('reaction'), Type.Literal('share')]),
  }),
  Type.Object({ type: Type.Literal('comment'), ...common, story: Text(200), body: Text(5_000) }),
  Type.Object({
    type: Type.Literal('adoption'),
    ...common,
    story: Text(200),
    note: Type.Optional(Type.String({ maxLength: 2_000 })),
    status: Type.Optional(
      Type.Union([Type.Literal('trying'), Type.Literal('adopted'), Type.Literal('dropped')]),
    ),
  }),
  Type.Object({
    type: Type.Literal('amplification'),
    ...common,
    story: Text(200),
    headline: Text(200),
    summary: Type.Optional(Type.String({ maxLength: 2_000 })),
    expiresAt: Type.Optional(IsoInstant),
  }),
]);
export type ImportRecord = Static<typeof ImportRecordSchema>;

const validators = {
  record: Compile(ImportRecordSchema),
  byType: new Map(ImportRecordSchema.anyOf.map((schema) => [schema.properties.type.const, Compile(schema)])),
};

function isCalendarInstant(instant: string): boolean {
  const [year, month, day, hour, minute, second = 0] = instant
    .match(/\d+/g)!
    .slice(0, 6)
    .map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return (
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! <= 23 &&
    minute! <= 59 &&
    second <= 59 &&
    !Number.isNaN(Date.parse(instant))
  );
}

/** The record, or the first problem with it in words naming the field. */
export function parseImportLine(line: string): { record: ImportRecord } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (validators.record.Check(value)) {
    // The pattern accepts the shape of an instant; the calendar decides (no 30 February, no 25:00). Only the
    // instants the record's type declares: a field it does not declare is ignored, whatever it holds.
    const instants = {
      occurredAt: value.occurredAt,
      expiresAt: value.type === 'amplification' ? value.expiresAt : undefined,
    };
    for (const [field, instant] of Object.entries(instants))
      if (instant !== undefined && !isCalendarInstant(instant))
        return { error: `${field} is not a valid date` };
    return { record: value };
  }
  const type = (value as { type?: unknown } | null)?.type;
  const validator =
    typeof type === 'string' ? validators.byType.get(type as ImportRecord['type']) : undefined;
  if (!validator) return { error: 'type must be one of story, engagement, comment, adoption, amplification' };
  const errors = [...validator.Errors(value)];
  const first = errors[0];
  const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'record';
  const missing = (first?.params as { requiredProperties?: string[] } | undefined)?.requiredProperties;
  if (missing) return { error: `${missing.join(', ')} is required` };
  // A union of literals fails once per literal: name the allowed values instead.
  const allowed = errors
    .filter((error) => error.keyword === 'const' && error.instancePath === first?.instancePath)
    .map((error) => (error.params as { allowedValue: unknown }).allowedValue);
  if (allowed.length) return { error: `${field} must be one of ${allowed.join(', ')}` };
  return { error: `${field} ${first?.message ?? 'is invalid'}` };
}
