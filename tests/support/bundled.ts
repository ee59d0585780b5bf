/**
 * A module run as an install runs it: `source` (TypeScript importing the project's modules by absolute path) bundled
 * alone into `dir` as probe.cjs, as scripts/build.mjs bundles dist/core, then run there by node with `dir` as its
 * folder — so what it reads from beside itself (the fonts, resvg's .wasm) is only what the test put in `dir`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** What the bundled `source` printed on its standard output. */
export async function runBundled(dir: string, source: string): Promise<string> {
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, source);
  const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(dir, 'probe.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'error',
    absWorkingDir: ROOT,
  });
  return execFileSync(process.execPath, [path.join(dir, 'probe.cjs')], { cwd: dir, encoding: 'utf8' });
}
