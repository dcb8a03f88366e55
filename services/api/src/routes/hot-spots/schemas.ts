import { type Static, Type } from 'typebox';
import { DateTime, Uuid } from '../../schemas/common.js';
import { StoryRef } from '../stories/schemas.js';

export const HotSpotStatusSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('dismissed'),
  Type.Literal('amplified'),
]);

export const HotSpotsQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
  status: Type.Optional(HotSpotStatusSchema),
});

export const HotSpotSchema = Type.Object({
  story: StoryRef,
  practice: Type.Union([
    Type.Object({ id: Uuid, label: Type.String(), storyCount: Type.Integer(), unitCount: Type.Integer() }),
    Type.Null(),
  ]),
  score: Type.Number({ description: 'The hot score' }),
  reasons: Type.Array(Type.String()),
  units: Type.Array(Type.String(), { description: 'Business units that engaged or adopted' }),
  flaggedAt: Type.Union([DateTime, Type.Null()]),
  status: HotSpotStatusSchema,
  review: Type.Union([
    Type.Object({ by: Type.String(), reason: Type.Union([Type.String(), Type.Null()]), at: DateTime }),
    Type.Null(),
  ]),
});
export type HotSpot = Static<typeof HotSpotSchema>;

export const DismissBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1_000 }) },
  { additionalProperties: false },
);

export const StoryIdParams = Type.Object({ storyId: Uuid });
