/**
 * Import cycles make start-up order fragile and layers meaningless; this fails the test
 * command on any cycle, and re-checks the layer rules on the resolved module graph (lint checks
 * import text; this checks where imports actually land).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment:
        'Import cycles are forbidden: break them by moving the shared part down a layer. ' +
        'Type-only imports are exempt (they vanish at run time; zustand slices need the store type).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'shared-stays-portable',
      comment:
        'shared/ runs in Node, Electron and the browser: it may not depend on electron/, renderer/ or node: modules.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^electron/', '^renderer/', '^node:', 'node_modules/electron/'] },
    },
    {
      name: 'core-has-no-electron',
      comment: 'electron/core must run in plain Node for browser mode and the CLI; put Electron code in electron/main.',
      severity: 'error',
      from: { path: '^electron/core/' },
      to: { path: ['node_modules/electron/', '^electron/(main|preload|server|cli)/', '^renderer/'] },
    },
    {
      name: 'renderer-only-through-contract',
      comment: 'The renderer reaches the engine only through shared/contract, never electron/**.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^electron/', 'node_modules/electron/'] },
    },
    {
      name: 'monaco-loads-lazily',
      comment:
        'Monaco is most of the renderer: the first screen must not wait for it. Outside renderer/src/ui/monaco, ' +
        'use the lazy wrappers (ui/monaco/lazy.tsx), which load it as a chunk of its own when an editor shows.',
      severity: 'error',
      from: { path: '^renderer/src/', pathNot: ['^renderer/src/ui/monaco/', '\\.test\\.tsx?$'] },
      to: {
        path: ['^renderer/src/ui/monaco/(setup|JsonEditor|DiffView)', 'node_modules/monaco-editor/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'test-support-stays-in-tests',
      comment:
        'test-support/ holds harnesses for tests (an Engine with the demo behind it, TLS fixtures, hostile ' +
        'envelopes); production code may not depend on it, so none of it is shipped or reachable from a face.',
      severity: 'error',
      from: { pathNot: ['\\.test\\.tsx?$', '/test-support/', '^e2e/', '^scripts/'] },
      to: { path: '/test-support/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.generated\\.ts$', 'testdata/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
