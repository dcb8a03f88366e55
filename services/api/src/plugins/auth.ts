import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '@kf/domain';
import { businessUnits, type Database, members } from '@kf/db';

export const ROLES = ['member', 'curator', 'hr', 'admin', 'executive'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  id: string;
  name: string;
  unit: string;
  roles: Role[];
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

export interface AuthOptions {
  db: Database;
  secret: string;
  publicKey?: string;
  issuer?: string;
  audience?: string;
}

const UNIT_SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_CLAIM_LENGTH = 200;
/** Real tokens of the intranet are well under this; a larger one is refused before any crypto is spent on it. */
const MAX_AUTHORIZATION_LENGTH = 8_192;

/** The claims of the contract, checked: a token that verifies but names no member or unit is still a 401. */
function callerFromClaims(claims: Record<string, unknown>): Caller {
  const { sub, name, unit, roles } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_CLAIM_LENGTH) {
    throw new DomainError('unauthenticated', 'The token has no valid `sub` claim');
  }
  if (typeof unit !== 'string' || !UNIT_SLUG.test(unit)) {
    throw new DomainError('unauthenticated', 'The token has no valid `unit` claim (a business-unit slug)');
  }
  const displayName = typeof name === 'string' && name.trim() ? name.trim().slice(0, MAX_CLAIM_LENGTH) : sub;
  const claimedRoles = Array.isArray(roles) ? roles : [];
  const known = ROLES.filter((role) => role === 'member' || claimedRoles.includes(role));
  return { id: sub, name: displayName, unit, roles: known };
}

/** Verified tokens remembered with their caller; failures are not remembered. */
const VERIFIED_TOKEN_CACHE_SIZE = 10_000;
/** A verified token is checked again after this long even before it expires (fast-jwt's cache default). */
const VERIFIED_TOKEN_TTL_MS = 600_000;

/** Bounded memory of members already stored with these exact claims, so a request costs no write. */
const SEEN_CAPACITY = 10_000;

export const authPlugin = fp(async (app: FastifyInstance, options: AuthOptions) => {
  const verify = {
    // Algorithms pinned: no `none`, and no HS256 when a public key is configured (key-confusion attacks).
    algorithms: options.publicKey ? (['RS256', 'ES256'] as const) : (['HS256'] as const),
    ...(options.issuer ? { allowedIss: options.issuer } : {}),
    ...(options.audience ? { allowedAud: options.audience } : {}),
    // Without these, a token lacking the claim altogether would pass the allowed-value checks.
    requiredClaims: [...(options.issuer ? ['iss'] : []), ...(options.audience ? ['aud'] : [])],
  };
  await app.register(fastifyJwt, {
    secret: options.publicKey ? { public: options.publicKey } : options.secret,
    verify: { ...verify, algorithms: [...verify.algorithms] },
  });

  const seen = new Map<string, string>();
  async function rememberMember(caller: Caller) {
    const fingerprint = `${caller.name}\u0000${caller.unit}\u0000${caller.roles.join(',')}`;
    if (seen.get(caller.id) === fingerprint) return;
    await businessUnits.ensureBusinessUnit(options.db, caller.unit);
    await members.upsertMember(options.db, {
      id: caller.id,
      name: caller.name,
      unitSlug: caller.unit,
      roles: caller.roles,
    });
    if (seen.size >= SEEN_CAPACITY) seen.clear();
    seen.set(caller.id, fingerprint);
  }

  /**
   * A member's token arrives on every call: verified once, then its caller is served from memory until it
   * expires. Keyed by the whole header, so nothing is decoded or hashed on a hit (fast-jwt's own cache
   * decodes and hashes the token on every call).
   */
  const verified = new Map<string, { caller: Caller; validUntil: number }>();

  app.decorateRequest('caller', null as unknown as Caller);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const { authorization } = request.headers;
    const known = authorization === undefined ? undefined : verified.get(authorization);
    if (known && known.validUntil > Date.now()) {
      request.caller = known.caller;
      return;
    }
    if ((authorization?.length ?? 0) > MAX_AUTHORIZATION_LENGTH) {
      throw new DomainError('unauthenticated', 'The bearer token is too large');
    }
    let claims: Record<string, unknown>;
    try {
      claims = await request.jwtVerify<Record<string, unknown>>();
    } catch (error) {
      const reason = (error as Error).message;
      throw new DomainError('unauthenticated', `Missing or invalid bearer token: ${reason}`);
    }
    request.caller = callerFromClaims(claims);
    await rememberMember(request.caller);
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    if (verified.size >= VERIFIED_TOKEN_CACHE_SIZE) verified.clear();
    verified.set(authorization!, {
      caller: request.caller,
      validUntil: Math.min(expiresAt, Date.now() + VERIFIED_TOKEN_TTL_MS),
    });
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
}

/** Throws 403 unless the caller has one of the roles. */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!roles.some((role) => caller.roles.includes(role))) {
    throw new DomainError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
  }
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((role) => caller.roles.includes(role));
}
