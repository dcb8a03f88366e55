// `pnpm migrate`: create the database if missing, then apply pending migrations.
import { parseSharedConfig } from '@kf/config';
import { migrateToLatest } from '../migrate.js';

const { DATABASE_URL } = parseSharedConfig(process.env);
const applied = await migrateToLatest(DATABASE_URL);
console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Database is up to date');
