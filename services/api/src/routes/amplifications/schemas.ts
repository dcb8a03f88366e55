import { type Static, Type } from 'typebox';
import { DateTime, MemberSchema, Uuid } from '../../schemas/common.js';

export const AmplifyBodySchema = Type.Object(
  {
    headline: Type.String({ minLength: 1, maxLength: 200 }),
    summary: Type.Optional(Type.String({ maxLength: 2_000 })),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'Default 14 days from now, at most 90' }),
    ),
  },
  { additionalProperties: false },
);
export type AmplifyBody = Static<typeof AmplifyBodySchema>;

export const EditAmplificationBodySchema = Type.Object(
  {
    headline: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    summary: Type.Optional(Type.Union([Type.String({ maxLength: 2_000 }), Type.Null()])),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const AmplificationSchema = Type.Object(
  {
    id: Uuid,
    storyId: Uuid,
    headline: Type.String(),
    summary: Type.Union([Type.String(), Type.Null()]),
    curator: MemberSchema,
    amplifiedAt: DateTime,
    expiresAt: DateTime,
    withdrawnAt: Type.Union([DateTime, Type.Null()]),
    active: Type.Boolean({ description: 'Neither withdrawn nor expired' }),
  },
  { $id: 'Amplification' },
);
export type Amplification = Static<typeof AmplificationSchema>;
export const AmplificationRef = Type.Unsafe<Amplification>(Type.Ref('Amplification'));

export const AmplificationDetailSchema = Type.Intersect([
  AmplificationRef,
  Type.Object({
    audit: Type.Array(
      Type.Object({
        action: Type.Union([
          Type.Literal('amplified'),
          Type.Literal('edited'),
          Type.Literal('withdrawn'),
          Type.Literal('dismissed'),
        ]),
        actor: MemberSchema,
        at: DateTime,
        detail: Type.Record(Type.String(), Type.Unknown()),
      }),
      { description: 'Who amplified, edited, withdrew and dismissed it, in order' },
    ),
  }),
]);

export const AmplificationsQuerySchema = Type.Object({
  active: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
});

const WindowSchema = Type.Object({
  days: Type.Integer(),
  adoptions: Type.Number(),
  units: Type.Integer(),
  ratePerDay: Type.Number(),
});

export const SpreadQuerySchema = Type.Object({
  bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' })),
});

export const SpreadSchema = Type.Object({
  amplification: AmplificationRef,
  windowDays: Type.Integer(),
  before: WindowSchema,
  after: WindowSchema,
  lift: Type.Number({ description: 'after.ratePerDay − before.ratePerDay' }),
  practice: Type.Object({
    stories: Type.Integer(),
    before: WindowSchema,
    after: WindowSchema,
    lift: Type.Number(),
  }),
  control: Type.Object({
    stories: Type.Array(Uuid, { description: 'Similar stories never amplified' }),
    before: WindowSchema,
    after: WindowSchema,
    lift: Type.Number({ description: 'Per control story' }),
  }),
  liftOverControl: Type.Union([Type.Number(), Type.Null()], { description: 'Difference-in-differences' }),
  dropped: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  endorsements: Type.Object({ before: Type.Integer(), after: Type.Integer() }),
  units: Type.Array(
    Type.Object({
      unit: Type.String(),
      firstAdoptionAt: DateTime,
      adoptionsBefore: Type.Integer(),
      adoptionsAfter: Type.Integer(),
      newAfterAmplification: Type.Boolean(),
    }),
  ),
  series: Type.Array(
    Type.Object({ start: DateTime, adoptions: Type.Integer(), cumulativeUnits: Type.Integer() }),
  ),
});
