import { type Static, Type } from 'typebox';
import { DateTime, MemberSchema, Uuid } from '../../schemas/common.js';

export const EngagementBodySchema = Type.Object(
  { kind: Type.Union([Type.Literal('view'), Type.Literal('reaction'), Type.Literal('share')]) },
  { additionalProperties: false },
);

export const EngagementResultSchema = Type.Object({
  counted: Type.Boolean({
    description: 'False when this member already counted (a view once a day, a reaction or share once)',
  }),
});

export const CommentBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 5_000 }) },
  { additionalProperties: false },
);

export const CommentSchema = Type.Object(
  {
    id: Uuid,
    body: Type.String(),
    author: MemberSchema,
    endorsement: Type.Boolean({ description: 'True when written by a member with the executive role' }),
    createdAt: DateTime,
  },
  { $id: 'Comment' },
);
export type Comment = Static<typeof CommentSchema>;
export const CommentRef = Type.Unsafe<Comment>(Type.Ref('Comment'));
