// `npm run db:generate -- --name=ce-qui-change` : génère la migration de SQLite (drizzle.config.ts) puis celle de
// PostgreSQL (drizzle.postgres.config.ts), avec les mêmes arguments pour les deux. Une migration écrite à la main
// (`--custom`) se génère moteur par moteur : `npx drizzle-kit generate --custom --name=… [--config drizzle.postgres.config.ts]`.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
for (const config of ['drizzle.config.ts', 'drizzle.postgres.config.ts']) {
  const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
