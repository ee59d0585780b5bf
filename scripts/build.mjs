// Builds everything the app runs from: the renderer with Vite (dist/renderer)
// and the Node/Electron entry points with esbuild (dist/core, dist/electron,
// dist/bench). `--core-only` skips the renderer; `--quiet` prints nothing.
import { readFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';

const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
  define: { 'process.env.RENKEI_VERSION': JSON.stringify(pkg.version) },
  // esbuild itself is only used by the core when it runs from its sources (tests), to bundle its worker.
  external: ['better-sqlite3', 'electron', 'playwright-core', 'esbuild'],
};

const entries = [
  { entryPoints: ['electron/core/cli/main.ts'], outfile: 'dist/core/cli.cjs' },
  { entryPoints: ['electron/core/jobs/worker.ts'], outfile: 'dist/core/worker.cjs' },
  { entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' },
  { entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' },
  { entryPoints: ['scripts/bench/bench.ts'], outfile: 'dist/bench/bench.cjs' },
];

await Promise.all(entries.map((entry) => esbuild({ ...common, ...entry })));

if (!args.has('--core-only')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: quiet ? 'error' : 'warn' });
}
if (!quiet) console.log('ビルドが完了しました（dist/）');
