// Builds everything the app runs from: the renderer with Vite (dist/renderer)
// and the Node/Electron entry points with esbuild (dist/core, dist/electron,
// dist/bench, dist/faults). Each part is rebuilt only when one of its sources
// changed since its last build (a content hash kept in dist/.build-state.json),
// so a second `npm start` starts in seconds. `--force` rebuilds everything;
// `--core-only` skips the renderer; `--quiet` prints nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { build as esbuild } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const stateFile = path.join(root, 'dist', '.build-state.json');

/**
 * Packages only some commands use, evaluated when first used rather than when
 * the bundle loads: every `renkei` command (an import of the national list,
 * `--help`) paid ~0.2 s and ~40 MiB for exceljs, pdf-lib and pg before its
 * first line. Our code imports them as usual; each import gets a stand-in
 * whose properties (named at build time from the package itself) load the
 * package on first access.
 */
const LAZY_PACKAGES = ['exceljs', 'pdf-lib', 'pg'];
const requireHere = createRequire(import.meta.url);

/**
 * Names a package's own entry gathers from files that can be loaded alone, those files, and what each name is there
 * (the file's exports itself, its default export, or the export of that name). exceljs's entry loads its streaming
 * reader and writer (unzipper, archiver and theirs) with the workbook: ~45 % of its ~80 ms first use in a new thread,
 * for what only a streaming read uses. pdf-lib's loads its document layer (forms, appearances, the standard fonts'
 * metrics), ~45 ms of a pack whose PDF writer files its objects with the core's context and writer alone.
 */
const PDF_LIB_CORE = {
  PDFContext: 'core/PDFContext',
  PDFWriter: 'core/writers/PDFWriter',
  PDFHexString: 'core/objects/PDFHexString',
  PDFInvalidObject: 'core/objects/PDFInvalidObject',
  PDFName: 'core/objects/PDFName',
  PDFNumber: 'core/objects/PDFNumber',
  PDFString: 'core/objects/PDFString',
};
const LIGHTER = {
  exceljs: [
    ['exceljs/lib/doc/workbook', ['Workbook'], 'file'],
    ['exceljs/lib/doc/enums', Object.keys(requireHere('exceljs/lib/doc/enums'))],
  ],
  'pdf-lib': Object.entries(PDF_LIB_CORE).map(([name, file]) => [`pdf-lib/cjs/${file}`, [name], 'default']),
};

const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      const names = Object.keys(requireHere(args.path)).filter((name) => name !== 'default' && name !== '__esModule');
      // Each lighter file behind a loader of its own; a name it exports is read from it, the Workbook class as the file itself.
      const lighter = (LIGHTER[args.path] ?? [])
        .map(([file, exported, as], i) =>
          exported
            .map((name) => {
              const part = `(part${i} ??= require(${JSON.stringify(file)}))`;
              const value = as === 'file' ? part : `${part}[${JSON.stringify(as === 'default' ? 'default' : name)}]`;
              return `  ${JSON.stringify(name)}: () => ${value},`;
            })
            .join('\n'),
        )
        .join('\n');
      const parts = (LIGHTER[args.path] ?? []).map((_, i) => `part${i}`);
      return {
        resolveDir: root,
        loader: 'js',
        contents: `let loaded${parts.map((p) => `, ${p}`).join('')};
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
const lighter = {
${lighter}
};
const names = ${JSON.stringify(names)};
module.exports = new Proxy({}, {
  get: (_, name) => (Object.hasOwn(lighter, name) ? lighter[name]() : load()[name]),
  has: (_, name) => name in load(),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_, name) =>
    names.includes(name) ? { configurable: true, enumerable: true, get: () => load()[name] } : undefined,
});`,
      };
    });
  },
};

const common = {
  bundle: true,
  plugins: [lazyPackages],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
  define: { 'process.env.RENKEI_VERSION': JSON.stringify(pkg.version) },
  // esbuild itself is only used by the core when it runs from its sources (tests), to bundle its worker.
  external: ['better-sqlite3', 'electron', 'playwright-core', 'esbuild'],
};

/**
 * A bundle's remaining non-ASCII characters (in comments and regular
 * expressions: esbuild escapes only strings) written as \u escapes. One such
 * character makes V8 hold the whole script's source as two bytes a character
 * for as long as it runs: the CLI's 5.9 MB as 11.3 MB, the reader worker's
 * 3.2 MB as 6.2 MB (held by the core to start workers, and again by each).
 */
function asciiOnly(file) {
  const text = fs.readFileSync(file, 'utf8');
  // After a backslash (an identity escape such as \　 in a regular expression) an escape would mean something else.
  if (/\\[^\x00-\x7f]/.test(text)) return;
  const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped !== text) fs.writeFileSync(file, escaped);
}

/**
 * resvg's loader asks whether its input is a fetch Request or Response (it is the .wasm's bytes): in Node that first
 * look loads the whole fetch implementation (undici), ~40 ms of the chart worker's start, for a thread that never fetches.
 */
const NO_FETCH = { ...common.define, Request: 'undefined', Response: 'undefined' };

/**
 * The workers the desktop app packs are written without the bundle's spaces and line breaks (names and code as they
 * are; the maps still lead back to the sources): ~1.8 MB of the packed app's 35 MB, and less text for each worker to
 * read as it starts. The CLI's and the core's own bundles stay as written, for readable stack traces.
 */
const PACKED_WORKER = { minifyWhitespace: true };

const entries = [
  // `renkei`: a small first file that starts what it can at once, then the commands' bundle (cli/start.ts).
  { entryPoints: ['electron/core/cli/start.ts'], outfile: 'dist/core/cli.cjs', external: [...common.external, './cli-commands.cjs'] },
  { entryPoints: ['electron/core/cli/main.ts'], outfile: 'dist/core/cli-commands.cjs' },
  { entryPoints: ['electron/core/worker.ts'], outfile: 'dist/core/worker.cjs', ...PACKED_WORKER },
  // Pure work done ahead on the other core (kernel/jobs/ahead.ts): small, as it starts for one import.
  { entryPoints: ['electron/core/ahead-worker.ts'], outfile: 'dist/core/ahead-worker.cjs' },
  // A pack's chart pictures, drawn beside its PDF (report/chart-pictures.ts); see NO_FETCH.
  { entryPoints: ['electron/core/report/chart-worker.ts'], outfile: 'dist/core/chart-worker.cjs', define: NO_FETCH, ...PACKED_WORKER },
  // The core's own process in the desktop app (a utilityProcess), so the window never waits on SQLite.
  { entryPoints: ['electron/core/process/main.ts'], outfile: 'dist/core/core-process.cjs' },
  { entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs' },
  { entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs' },
  { entryPoints: ['scripts/bench/bench.ts'], outfile: 'dist/bench/bench.cjs' },
  { entryPoints: ['scripts/faults/faults.ts'], outfile: 'dist/faults/faults.cjs' },
].filter((entry) => fs.existsSync(path.join(root, entry.entryPoints[0])));

/**
 * Files the core reads beside its bundles at run time, copied there: resvg's WebAssembly, which draws a report's
 * charts as pictures (electron/core/report/chart-png.ts) and is read from a file, not bundled as code; the fonts the
 * core's PDF writer reads (electron/core/report/direct/fonts.ts), the TrueType twins of the print page's faces
 * (scripts/fonts.mjs).
 */
const CORE_FILES = [
  { from: requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm'), to: 'dist/core/resvg.wasm' },
  ...fs
    .readdirSync(path.join(root, 'resources', 'fonts'))
    .filter((file) => file.endsWith('.ttf'))
    // Packed in brotli (the core unpacks a file when it first reads it): 14 MB of TrueType as 7.6 MB.
    .map((file) => ({ from: path.join(root, 'resources', 'fonts', file), to: `dist/core/fonts/${file}.br`, brotli: true })),
];

/** What each part is built from; a change to any of these files rebuilds the part. */
const PARTS = {
  core: {
    sources: [
      'shared',
      'electron',
      'scripts/bench',
      'scripts/faults',
      'tests/support',
      'resources/fonts',
      'package.json',
      'package-lock.json',
      'scripts/build.mjs',
    ],
    outputs: [...entries.map((entry) => entry.outfile), ...CORE_FILES.map((file) => file.to)],
  },
  renderer: {
    sources: ['shared', 'renderer', 'resources/fonts', 'package.json', 'package-lock.json', 'scripts/build.mjs'],
    outputs: ['dist/renderer/index.html', 'dist/first-screen/first-screen.cjs'],
  },
};

function filesUnder(relative) {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [relative];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
    .sort();
}

/** A hash of the part's source files, names and contents: the same sources give the same build. */
function fingerprint(part) {
  const hash = crypto.createHash('sha256');
  for (const file of [...new Set(part.sources.flatMap(filesUnder))].sort()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

const state = readState();
const wanted = args.has('--core-only') ? ['core'] : ['core', 'renderer'];
let built = 0;

for (const name of wanted) {
  const part = PARTS[name];
  const hash = fingerprint(part);
  const upToDate = !args.has('--force') && state[name] === hash && part.outputs.every((out) => fs.existsSync(path.join(root, out)));
  if (upToDate) continue;
  // Forget the old hash first, so a build that fails half-way is redone next time.
  delete state[name];
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state));
  if (name === 'core') {
    await Promise.all(
      entries.map(async (entry) => {
        await esbuild({ ...common, ...entry, absWorkingDir: root });
        asciiOnly(path.join(root, entry.outfile));
      }),
    );
    for (const file of CORE_FILES) {
      fs.mkdirSync(path.dirname(path.join(root, file.to)), { recursive: true });
      if (!file.brotli) fs.copyFileSync(file.from, path.join(root, file.to));
      else {
        // Quality 5: 1 s for the six files, within 10 % of the best (quality 11 took 37 s).
        const bytes = fs.readFileSync(file.from);
        const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
        fs.writeFileSync(path.join(root, file.to), zlib.brotliCompressSync(bytes, { params }));
      }
    }
  } else {
    // Always the production build: Vite follows NODE_ENV over its mode, and a build started from a test (vitest sets
    // NODE_ENV=test for the processes it starts) put React's development build, StrictMode's double effects and all,
    // into the same dist/renderer.
    process.env.NODE_ENV = 'production';
    const { build: viteBuild } = await import('vite');
    await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.ts'), logLevel: quiet ? 'error' : 'warn' });
    // The loopback host's drawing of the first screen (dist/first-screen), from the same sources.
    await viteBuild({ configFile: path.join(root, 'renderer', 'vite.server.config.ts'), logLevel: quiet ? 'error' : 'warn' });
  }
  state[name] = hash;
  fs.writeFileSync(stateFile, JSON.stringify(state));
  built += 1;
}

if (!quiet) console.log(built === 0 ? 'ビルド済みです（変更はありません）' : 'ビルドが完了しました（dist/）');
