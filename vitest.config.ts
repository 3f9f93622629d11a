import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts', 'test/global-setup-postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
