import { type Static, Type } from 'typebox';
import { DateTime, MemberSchema, Uuid } from '../../schemas/common.js';
import { StoryRef } from '../stories/schemas.js';

export const PracticeSchema = Type.Object({
  id: Uuid,
  label: Type.String({ description: 'Its most telling terms' }),
  terms: Type.Array(Type.String()),
  storyCount: Type.Integer(),
  unitCount: Type.Integer(),
  units: Type.Array(Type.String()),
  hotSpot: Type.Object({
    flagged: Type.Boolean(),
    since: Type.Union([DateTime, Type.Null()]),
    reasons: Type.Array(Type.String()),
  }),
  firstSeenAt: DateTime,
});
export type Practice = Static<typeof PracticeSchema>;

export const PracticeDetailSchema = Type.Intersect([
  PracticeSchema,
  Type.Object({
    stories: Type.Array(StoryRef),
    people: Type.Array(
      Type.Object({
        member: MemberSchema,
        unit: Type.String(),
        as: Type.Union([Type.Literal('author'), Type.Literal('adopter')]),
      }),
      { description: 'The change leaders across units, to connect with each other' },
    ),
  }),
]);

export const PracticesQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: 'Opaque; from nextCursor' })),
});

export const PracticeListSchema = Type.Object({
  items: Type.Array(PracticeSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
