// Writes dist/THIRD_PARTY_NOTICES.txt: the licence of every package whose code
// or fonts the installed app carries inside its bundles (the bundles hold them,
// so node_modules is not shipped and their LICENSE files would otherwise be
// lost). Which packages: esbuild resolves the app's entry points — the shell,
// its preload, the core's process and worker, and the renderer — and lists
// every input file; each file under node_modules names its package.
// `npm run dist` runs it before electron-builder, which packs the file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FONT_SOURCE_PACKAGES } from './fonts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NOTICES_FILE = path.join(root, 'dist', 'THIRD_PARTY_NOTICES.txt');

/** The entry points of the bundles the app packs (scripts/build.mjs); the packaging test checks the two agree. */
export const NODE_ENTRIES = [
  'electron/main/main.ts',
  'electron/preload/preload.ts',
  'electron/core/process/main.ts',
  'electron/core/worker.ts',
  'electron/core/ahead-worker.ts',
  'electron/core/report/chart-worker.ts',
];
const RENDERER_ENTRY = 'renderer/src/main.tsx';

/** The package directory a resolved input file belongs to (scoped names kept), or null outside node_modules. */
function packageDirOf(file) {
  const parts = path.resolve(root, file).split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const depth = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + depth).join(path.sep);
}

/** Vite's `?url`/`?worker` imports: esbuild is only asked which files are used, so each is kept as a plain input. */
const viteQueries = {
  name: 'vite-queries',
  setup(b) {
    b.onResolve({ filter: /\?/ }, async (args) => {
      const resolved = await b.resolve(args.path.replace(/\?.*$/, ''), { resolveDir: args.resolveDir, kind: args.kind });
      return { path: resolved.path, namespace: 'used', pluginData: resolved.path };
    });
    b.onLoad({ filter: /.*/, namespace: 'used' }, () => ({ contents: 'export default "";', loader: 'js' }));
  },
};

async function inputsOf(entryPoints, options) {
  const result = await build({
    entryPoints,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: path.join(root, 'dist', '.notices'),
    ...options,
  });
  const files = Object.keys(result.metafile.inputs).map((input) => input.replace(/^[a-z]+:/, ''));
  // The `?url` imports' files, kept in the plugin's namespace.
  return files;
}

/** Every package the app's bundles carry, as directories. */
export async function bundledPackages() {
  const node = await inputsOf(NODE_ENTRIES, {
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3', 'electron', 'playwright-core', 'esbuild'],
  });
  const renderer = await inputsOf([RENDERER_ENTRY], {
    platform: 'browser',
    format: 'esm',
    splitting: true,
    jsx: 'automatic',
    loader: { '.woff2': 'file', '.woff': 'file', '.png': 'file', '.svg': 'file' },
    plugins: [viteQueries],
  });
  const dirs = new Set();
  for (const file of [...node, ...renderer]) {
    const dir = packageDirOf(file);
    if (dir) dirs.add(dir);
  }
  // better-sqlite3 is shipped as itself (with its LICENSE) but named here too, with what it requires.
  for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path']) dirs.add(path.join(root, 'node_modules', name));
  // The fonts in resources/fonts are made from these packages' fonts (scripts/fonts.mjs), under the fonts' licence.
  for (const name of FONT_SOURCE_PACKAGES) dirs.add(path.join(root, 'node_modules', name));
  return [...dirs].sort();
}

const LICENSE_FILE = /^(licen[cs]e(_font)?|copying|notice)(\.(md|txt|markdown))?$/i;

/** One package's entry: name, version, licence, and the texts of its licence files (or a note that it has none). */
function noticeOf(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const license =
    typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? (pkg.licenses ?? []).map((l) => l.type).join(' OR '));
  const texts = fs
    .readdirSync(dir)
    .filter((name) => LICENSE_FILE.test(name))
    .sort()
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8').trim());
  const body =
    texts.length > 0 ? texts.join('\n\n') : `(No licence file in the package; its package.json states: ${license || 'no licence'})`;
  return {
    name: pkg.name,
    version: pkg.version,
    license: license || 'UNKNOWN',
    text: `${pkg.name} ${pkg.version} — ${license || 'UNKNOWN'}\n\n${body}`,
  };
}

export async function writeNotices() {
  const seen = new Map();
  for (const dir of await bundledPackages()) {
    const notice = noticeOf(dir);
    seen.set(`${notice.name}@${notice.version}`, notice);
  }
  const notices = [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
  const rule = '-'.repeat(78);
  const text = [
    'Renkei — third-party software',
    '',
    'Renkei carries the following packages inside its files (bundled JavaScript and fonts). Their licences follow.',
    '',
    ...notices.map((n) => `${rule}\n${n.text}\n`),
  ].join('\n');
  fs.mkdirSync(path.dirname(NOTICES_FILE), { recursive: true });
  fs.writeFileSync(NOTICES_FILE, text);
  return notices;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const notices = await writeNotices();
  console.log(`第三者ソフトウェアのライセンス表示を書き出しました（${notices.length} パッケージ）: ${path.relative(root, NOTICES_FILE)}`);
}
