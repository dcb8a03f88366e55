import { type Static, Type } from 'typebox';
import { StoryRef } from '../stories/schemas.js';

export const FeedQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
  unit: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
});

export const FeedSchema = Type.Object({
  headlines: Type.Array(StoryRef, {
    description: 'Stories with an active amplification, newest first; first page only',
  }),
  items: Type.Array(StoryRef, { description: 'Ranked by hot score' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type Feed = Static<typeof FeedSchema>;

export const SearchQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, default: 20 })),
});
