import { type Static, Type } from 'typebox';
import { DateTime, MemberSchema, Uuid } from '../../schemas/common.js';

export const AdoptionStatusSchema = Type.Union([
  Type.Literal('trying'),
  Type.Literal('adopted'),
  Type.Literal('dropped'),
]);
const Note = Type.String({ maxLength: 2_000 });

export const CreateAdoptionBodySchema = Type.Object(
  { note: Type.Optional(Note) },
  { additionalProperties: false },
);

export const UpdateAdoptionBodySchema = Type.Object(
  { status: Type.Optional(AdoptionStatusSchema), outcome: Type.Optional(Type.Union([Note, Type.Null()])) },
  { additionalProperties: false },
);

export const AdoptionSchema = Type.Object(
  {
    id: Uuid,
    storyId: Uuid,
    member: MemberSchema,
    unit: Type.String({ description: "The adopter's business unit when they adopted" }),
    note: Type.Union([Type.String(), Type.Null()]),
    status: AdoptionStatusSchema,
    outcome: Type.Union([Type.String(), Type.Null()]),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Adoption' },
);
export type Adoption = Static<typeof AdoptionSchema>;
export const AdoptionRef = Type.Unsafe<Adoption>(Type.Ref('Adoption'));
