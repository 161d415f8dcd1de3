#!/usr/bin/env node
'use strict';
// The `loupe` command. The CLI is built into dist/ by `npm install` (prepare) or `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('loupe: the CLI is not built yet; run `npm run build` in the Loupe folder first.\n');
  process.exit(1);
}
require(cli);
