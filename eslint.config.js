// @ts-check
import eslintPluginAstro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Le code du portail tourne sur les deux moteurs (db/moteur.ts, docs/decisions/2026-12-06-depots-deux-moteurs.md) : la
 * règle refuse ce qui ne marcherait que sur SQLite. Les chemins rapides propres à SQLite le disent par une exception
 * commentée, à côté de leur équivalent pour PostgreSQL ; la racine de composition (server/construire.ts) ouvre et ferme
 * les bases des deux moteurs.
 */
const DEUX_MOTEURS = ['db/donnees-personnelles.ts', 'server/**/*.ts', 'site/**/*.ts', 'site/**/*.astro'];

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'db/migrations/', 'test-results/', 'playwright-report/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.d.ts'], rules: { '@typescript-eslint/consistent-type-imports': 'off' } },
  ...eslintPluginAstro.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Seul server/env.ts lit l'environnement (CONVENTIONS.md, « Boundaries »).
    files: ['server/**/*.ts', 'site/**/*.{ts,astro,svelte}', 'db/**/*.ts'],
    ignores: ['server/env.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Lisez la configuration via server/env.ts.' }],
    },
  },
  {
    files: DEUX_MOTEURS,
    ignores: ['server/construire.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[arguments.length=0] > MemberExpression.callee > Identifier.property[name=/^(all|get|run)$/]',
          message: 'Terminaison synchrone de better-sqlite3 : attendez la requête (await), elle marche alors sur les deux moteurs (db/moteur.ts).',
        },
        {
          selector: 'CallExpression > MemberExpression.callee[object.name=/^(db|tx)$/] > Identifier.property[name=/^(all|get|run|values)$/]',
          message: 'SQL brut propre à better-sqlite3 : passez par lignes() ou executer() de db/moteur.ts.',
        },
        {
          selector: "MemberExpression[property.name='$client']",
          message: 'Le client du pilote est propre à un moteur : passez par Drizzle, ou par db/moteur.ts.',
        },
        {
          selector: "ImportDeclaration[importKind!='type'][source.value=/db\\/schema\\//]",
          message: 'Les tables SQLite ne servent pas sur PostgreSQL : prenez-les par tables(db) de db/moteur.ts (les types restent importables).',
        },
      ],
    },
  },
);
