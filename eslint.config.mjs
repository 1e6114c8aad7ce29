// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'test/host/*.mjs', 'bench/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Untrusted text reaches the DOM via textContent only.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Untrusted text reaches the DOM via textContent only.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Untrusted text reaches the DOM via textContent only.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use crypto for anything security-related (nonces, ids).' },
      ],
    },
  },
  {
    // Pure modules must run in plain Node (unit tests): no `vscode` import.
    files: ['src/shared/**', 'src/images/**', 'src/workers/**', 'src/text/**', 'src/providers/types.ts', 'src/providers/registry.ts', 'src/providers/catalog.ts', 'src/providers/local/**', 'src/providers/yandex/**', 'src/providers/http.ts', 'src/providers/httpBody.ts', 'src/providers/httpFailure.ts', 'src/providers/providerError.ts', 'src/services/configSchema.ts', 'src/services/redact.ts', 'src/services/credentialShapes.ts', 'src/services/credentials.ts', 'src/commands/commandArgs.ts', 'test/unit/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Pure module: keep it free of the vscode API.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Entries the extension host `require`s are CommonJS.
    files: ['bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The test driver evaluates some functions inside the workbench page.
    files: ['test/host/**', 'bench/panel.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
