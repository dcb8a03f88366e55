import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { businessUnits } from '@kf/db';
import { Type } from 'typebox';
import { requireRole } from '../../plugins/auth.js';
import { DateTime, Items, problems } from '../../schemas/common.js';

const BusinessUnitSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  division: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Optional(Type.Integer({ description: 'Members seen in this unit' })),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' }) });
const PutBusinessUnitBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    division: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const present = <T extends { createdAt: Date; updatedAt: Date }>(unit: T) => ({
  ...unit,
  createdAt: unit.createdAt.toISOString(),
  updatedAt: unit.updatedAt.toISOString(),
});

const businessUnitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps;
  app.addHook('onRequest', async (request) => requireRole(request.caller, 'admin'));

  app.get(
    '/business-units',
    {
      schema: {
        tags: ['administration'],
        summary: 'Business units (admin)',
        response: { 200: Items(BusinessUnitSchema), ...problems(401, 403, 429) },
      },
    },
    async () => ({ items: (await businessUnits.listBusinessUnits(db)).map(present) }),
  );

  app.put(
    '/business-units/:slug',
    {
      schema: {
        tags: ['administration'],
        summary: 'Name a business unit and its division (admin)',
        params: SlugParams,
        body: PutBusinessUnitBodySchema,
        response: { 200: BusinessUnitSchema, ...problems(400, 401, 403, 413, 429) },
      },
    },
    async (request) =>
      present(
        await businessUnits.putBusinessUnit(db, {
          slug: request.params.slug,
          name: request.body.name,
          division: request.body.division ?? null,
        }),
      ),
  );
};

export default businessUnitsRoutes;
