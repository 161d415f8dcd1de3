import { z } from 'zod';

/*
 * Imported first by main.ts, before any schema exists: zod decides per object schema, when it is
 * built, whether to compile a parser with `new Function` on its first parse. A CLI command parses
 * each schema about once, so compiling costs more than it saves (and the compiled code is not in
 * the launcher's code cache); the interpreted path gives the same results.
 */
z.config({ jitless: true });
