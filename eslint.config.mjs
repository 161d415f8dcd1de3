// Lint rules, including the layer boundaries. Each boundary message says why it exists.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = { group: ['node:*'], message: '' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const WHY = {
  sharedNode: 'shared/ runs in every host (Node, Electron, the browser page): no node:* imports here.',
  sharedElectron: 'shared/ runs in every host: it may not import electron, React or any face of the app.',
  coreElectron:
    'electron/core must run in plain Node for browser mode and the CLI; put Electron code in electron/main.',
  coreFaces: 'electron/core is the engine the faces use; it may not import a face (main, server, cli).',
  rendererNode: 'The renderer is a web page (sandboxed in Electron): no node:* or electron imports.',
  rendererEngine: 'The renderer reaches the engine only through the contract (src/api), never electron/**.',
  featureToFeature: 'A feature may not reach into another feature; share through src/state, src/api or src/ui instead.',
  facesElectron:
    'The CLI and browser mode run in plain Node (the packed CLI has no Electron): no electron or electron/main imports.',
  openExternal:
    'Open links only through openExternalSafely (electron/main/external-links.ts): it lets through http(s) alone, so a page or a file cannot make the desktop launch a program.',
  e2eLookups:
    'Specs do not find elements: give the element a name in a page module (e2e/pages/) and use that, so a UI change edits one place.',
  preload:
    'The preload is a doorway: electron and shared/contract only (its types and the port hand-off channel name), so it stays tiny and auditable.',
  fileReads:
    'Read files through readUserFile/readUserText (electron/core/fs/read-user-file.ts): async, regular files only, bounded by the kind of file. A synchronous or unbounded read lets /dev/zero or a FIFO hang the engine.',
};

const CORE_LAYERS = [
  { group: ['electron'], message: WHY.coreElectron },
  { group: ['**/main/**', '**/server/**', '**/cli/**', '**/renderer/**'], message: WHY.coreFaces },
];

// Every way to read a whole file in one go; the engine reads files only through its one helper.
const FILE_READS = ['readFile', 'readFileSync', 'createReadStream', 'readSync', 'openSync', 'openAsBlob'];
const fileReadImports = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'].map((name) => ({
  name,
  importNames: FILE_READS,
  message: WHY.fileReads,
}));
// fs.readFile(...) on a namespace import, and FileHandle.readFile(), which has no limit either.
const FILE_READ_CALLS = {
  selector: `CallExpression[callee.property.name=/^(${FILE_READS.join('|')})$/]`,
  message: WHY.fileReads,
};
const noFileReads = { 'no-restricted-syntax': ['error', FILE_READ_CALLS] };
const FACES_WITHOUT_ELECTRON = [
  { group: ['electron'], message: WHY.facesElectron },
  { group: ['**/main/**', '**/preload/**'], message: WHY.facesElectron },
];

// Every TypeScript file belongs to one of these projects (see tsconfig.json's references), so
// rules that need types (floating promises, misused promises, unsafe any) can check them all.
const TS_PROJECTS = [
  './shared/tsconfig.json',
  './electron/tsconfig.json',
  './electron/main/tsconfig.json',
  './renderer/tsconfig.json',
  './e2e/tsconfig.json',
  './tsconfig.tests.json',
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tsbuild/**', 'test-results/**', 'playwright-report/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { project: TS_PROJECTS, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty-pattern': 'off', // Playwright fixtures use `async ({}, use)`
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(
      { ...NODE_BUILTINS, message: WHY.sharedNode },
      {
        group: ['electron', 'react', 'react-dom', 'zustand', '**/electron/**', '**/renderer/**'],
        message: WHY.sharedElectron,
      },
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testdata/**', '**/tools/**', 'electron/core/fs/read-user-file.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: fileReadImports }], ...noFileReads },
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testdata/**', '**/tools/**', 'electron/core/fs/read-user-file.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: fileReadImports,
          patterns: CORE_LAYERS,
        },
      ],
    },
  },
  {
    // Tests and the helper itself may read files directly; the layer rules still hold for them.
    files: [
      'electron/core/**/*.test.ts',
      'electron/core/**/testdata/**',
      'electron/core/**/tools/**',
      'electron/core/fs/read-user-file.ts',
    ],
    rules: restrict(...CORE_LAYERS),
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testdata/**', '**/test-support/**'],
    rules: { 'no-restricted-imports': ['error', { paths: fileReadImports, patterns: FACES_WITHOUT_ELECTRON }] },
  },
  {
    files: ['electron/server/**/*.test.ts', 'electron/cli/**/*.test.ts', 'electron/cli/**/test-support/**'],
    rules: restrict(...FACES_WITHOUT_ELECTRON),
  },
  {
    // shell.openExternal hands a URL to the OS; only its one guarded helper may call it.
    files: ['electron/main/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/main/external-links.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        FILE_READ_CALLS,
        { selector: "MemberExpression[property.name='openExternal']", message: WHY.openExternal },
      ],
    },
  },
  {
    files: ['e2e/specs/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(locator|getByRole|getByText|getByLabel|getByTestId|getByPlaceholder|getByAltText|getByTitle|frameLocator|waitForSelector|\\$|\\$\\$|\\$eval|\\$\\$eval)$/]',
          message: WHY.e2eLookups,
        },
        {
          // Locator.filter({ has, hasText }) narrows a lookup; Array.prototype.filter takes a function.
          selector: "CallExpression[callee.property.name='filter'][arguments.0.type='ObjectExpression']",
          message: WHY.e2eLookups,
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict({ regex: '^(?!electron$|\\.\\./\\.\\./shared/contract)', message: WHY.preload }),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        { ...NODE_BUILTINS, message: WHY.rendererNode },
        { group: ['electron'], message: WHY.rendererNode },
        { group: ['**/electron/**'], message: WHY.rendererEngine },
      ),
    },
  },
  {
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    rules: restrict(
      { ...NODE_BUILTINS, message: WHY.rendererNode },
      { group: ['electron'], message: WHY.rendererNode },
      { group: ['**/electron/**'], message: WHY.rendererEngine },
      { regex: '^\\.\\./(?!\\.\\.)', message: WHY.featureToFeature },
    ),
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.cjs', 'electron/**/*.mjs', 'electron/core/**/tools/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests parse arbitrary JSON and stub async APIs with sync bodies, and spy on prototypes: the
    // type-aware rules for untyped values and unbound methods would only add casts there. The
    // promise rules (floating, misused) stay on everywhere.
    files: ['**/*.test.ts', 'e2e/**/*.ts', '**/test-support/**', '**/testdata/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Plain JavaScript (scripts, configs) is in no TypeScript project: only the untyped rules apply.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
);
