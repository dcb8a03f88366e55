import { type Static, Type } from 'typebox';
import { DateTime, MemberSchema, Uuid } from '../../schemas/common.js';

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ minLength: 1, maxLength: 20_000 });
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10, uniqueItems: true });

// additionalProperties false + fastify's removeAdditional: fields a member may not set (author, counts, scores…)
// are dropped before the handler sees the body.
export const CreateStoryBodySchema = Type.Object(
  { title: Title, body: Body, tags: Type.Optional(Tags) },
  { additionalProperties: false },
);
export type CreateStoryBody = Static<typeof CreateStoryBodySchema>;

export const UpdateStoryBodySchema = Type.Object(
  { title: Type.Optional(Title), body: Type.Optional(Body), tags: Type.Optional(Tags) },
  { additionalProperties: false },
);
export type UpdateStoryBody = Static<typeof UpdateStoryBodySchema>;

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});

const CountsSchema = Type.Object({
  views: Type.Integer(),
  reactions: Type.Integer(),
  comments: Type.Integer(),
  shares: Type.Integer(),
  adoptions: Type.Integer(),
  units: Type.Integer({
    description: 'Distinct business units of members other than the author who engaged or adopted',
  }),
});

const ScoresSchema = Type.Union([
  Type.Object({ engagement: Type.Number(), spread: Type.Number(), hot: Type.Number(), scoredAt: DateTime }),
  Type.Null(),
]);

const HotSpotSchema = Type.Object({
  flagged: Type.Boolean(),
  since: Type.Union([DateTime, Type.Null()]),
  reasons: Type.Array(Type.String(), { description: 'Why it stands out, in words a curator understands' }),
});

const PracticeSummarySchema = Type.Union([
  Type.Object({ id: Uuid, label: Type.String(), storyCount: Type.Integer(), unitCount: Type.Integer() }),
  Type.Null(),
]);

const SimilarStorySchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  unit: Type.String(),
  otherUnit: Type.Boolean({ description: "True when written in another business unit than this story's" }),
  similarity: Type.Number(),
});

const AmplificationSummarySchema = Type.Union([
  Type.Object({
    id: Uuid,
    headline: Type.String(),
    summary: Type.Union([Type.String(), Type.Null()]),
    amplifiedAt: DateTime,
    curator: MemberSchema,
  }),
  Type.Null(),
]);

export const StorySchema = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    body: Type.String(),
    tags: Type.Array(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
    author: MemberSchema,
    counts: CountsSchema,
    scores: ScoresSchema,
    hotSpot: HotSpotSchema,
    practice: PracticeSummarySchema,
    similar: Type.Optional(Type.Array(SimilarStorySchema, { description: 'Detail view only; best first' })),
    amplification: AmplificationSummarySchema,
  },
  { $id: 'Story' },
);
export type Story = Static<typeof StorySchema>;
export const StoryRef = Type.Unsafe<Story>(Type.Ref('Story'));
