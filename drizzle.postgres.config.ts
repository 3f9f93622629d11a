import { defineConfig } from 'drizzle-kit';

// Le miroir PostgreSQL du schéma (db/schema-postgres) et ses migrations, générées à côté de celles de SQLite par
// `npm run db:generate` (docs/decisions/2026-12-06-postgresql-socle.md).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-postgres/index.ts',
  out: './db/migrations-postgres',
});
