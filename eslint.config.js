// @ts-check
import eslintPluginAstro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Le code passé aux deux moteurs (db/moteur.ts, docs/decisions/2026-12-06-depots-deux-moteurs.md) : chaque dossier
 * s'ajoute ici quand ses dépôts et leurs appelants sont asynchrones et que sa suite de contrat passe sur SQLite et
 * PostgreSQL. Quand tous y sont, la liste devient `server/**`.
 */
const DEUX_MOTEURS = [
  'db/donnees-personnelles.ts',
  'server/avis/**/*.ts',
  'server/reclamations/**/*.ts',
  'server/indicateurs-pilotage/**/*.ts',
  'server/transmission/**/*.ts',
  'server/planification/**/*.ts',
  'server/organismes/**/*.ts',
  'server/conseiller/**/*.ts',
  'server/courriel/**/*.ts',
  'server/sante/**/*.ts',
  'server/orientation/repository.ts',
  'server/orientation-guichet/**/*.ts',
  'server/parcours/**/*.ts',
  'server/moyens/**/*.ts',
  'server/rendez-vous/**/*.ts',
  'server/export/**/*.ts',
];

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
