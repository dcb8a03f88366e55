// `pnpm token -- --sub ID --name NAME --unit SLUG --roles r1,r2 [--hours 12]`: a development JWT signed with
// JWT_SECRET (HS256), with the claims the API expects. Prints the token alone, for `$(pnpm -s token -- …)`.
import { parseArgs } from 'node:util';
import { createSigner } from 'fast-jwt';
import { loadConfigOrExit } from '@kf/config';
import { loadApiConfig } from '@kf/api';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    sub: { type: 'string', default: 'dev-member' },
    name: { type: 'string' },
    unit: { type: 'string', default: 'engineering' },
    roles: { type: 'string', default: 'member' },
    hours: { type: 'string', default: '12' },
  },
});

const config = loadConfigOrExit(() => loadApiConfig(process.env));
const sign = createSigner({
  key: config.JWT_SECRET,
  algorithm: 'HS256',
  expiresIn: Number(values.hours) * 3_600_000,
  ...(config.JWT_ISSUER ? { iss: config.JWT_ISSUER } : {}),
  ...(config.JWT_AUDIENCE ? { aud: config.JWT_AUDIENCE } : {}),
});
const roles = values.roles
  .split(',')
  .map((role) => role.trim())
  .filter(Boolean);
console.log(sign({ sub: values.sub, name: values.name ?? values.sub, unit: values.unit, roles }));
