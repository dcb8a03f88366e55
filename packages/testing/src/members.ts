import { randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';

export interface TestMember {
  id: string;
  name: string;
  unit: string;
  roles: string[];
}

/** A member with a unique id; roles as the intranet would claim them. */
export function makeMember(overrides: Partial<TestMember> = {}): TestMember {
  const id = overrides.id ?? `member-${randomBytes(4).toString('hex')}`;
  return { id, name: `Member ${id}`, unit: 'finance', roles: ['member'], ...overrides };
}

/** Several members of one unit. */
export function makeMembers(count: number, overrides: Partial<TestMember> = {}): TestMember[] {
  return Array.from({ length: count }, () => makeMember(overrides));
}

type SyncSigner = (payload: Record<string, unknown>) => string;
const signers = new Map<string, SyncSigner>();

export function signToken(
  member: TestMember,
  secret: string,
  extraClaims: Record<string, unknown> = {},
): string {
  let sign = signers.get(secret);
  if (!sign) {
    sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: 3_600_000 }) as SyncSigner;
    signers.set(secret, sign);
  }
  return sign({ sub: member.id, name: member.name, unit: member.unit, roles: member.roles, ...extraClaims });
}
