// Builds the renderer into dist/renderer with relative asset paths, so the
// same files load from the Electron app:// protocol and the loopback host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { GROUPED_FORMAT } from '../shared/format';
import { AHEAD_MARK, BROTLI_COPY_SUFFIX, isCompressible } from '../shared/served-files';
import { WAREKI_FORMAT } from '../shared/wareki';

/**
 * The small parts the screens loaded later share (the list table, the drawer, the pager, the filters, the date field,
 * the small shared modules under them) in one chunk: left to itself the bundler gave each its own file, and a screen's
 * first open waited for a dozen of them — the browser's six connections to the host asked in waves, the screen's data
 * queued behind them (the institution list: 12 files). A part that needs more than a small module the first screen
 * did not load (the contract's schemas, the charts, PDF.js) stays out, so a screen loads no more code than it did.
 */
const SCREEN_PARTS = /[\\/]renderer[\\/]src[\\/](components|lib)[\\/]|[\\/]shared[\\/]/;
/** The most source a screen part may bring beyond what the first screen loaded (itself and what it imports): bytes. */
const PART_WEIGHT = 32 * 1024;

/** Module ids the main page's first screen loads (index.html's static imports, followed to the end), and the print page's. */
const first = new Set<string>();
const printed = new Set<string>();
/** The screen parts, found once the module graph is known. */
const parts = new Set<string>();

/** 台帳's screens (its page and tabs, what they alone share), and those of them that go in one file (`masters`). */
const MASTERS = /[\\/]renderer[\\/]src[\\/]features[\\/]masters[\\/]/;
const masters = new Set<string>();

const screenParts: Plugin = {
  name: 'screen-parts',
  buildEnd() {
    first.clear();
    printed.clear();
    parts.clear();
    masters.clear();
    const ids = [...this.getModuleIds()];
    const reach = (page: RegExp, into: Set<string>) => {
      const pending = ids.filter((id) => this.getModuleInfo(id)?.isEntry && page.test(id));
      for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
        if (into.has(id)) continue;
        into.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    };
    reach(/[\\/]index\.html$/, first);
    reach(/[\\/]print\.html$/, printed);
    const initial = (id: string) => first.has(id) || printed.has(id);
    // What a module brings beyond the first screen's and `held` (loaded with it in any case): it and its imports, once each.
    const beyond = (id: string, held: ReadonlySet<string>): number => {
      const seen = new Set<string>();
      let weight = 0;
      for (const next = [id]; next.length > 0; ) {
        const at = next.pop()!;
        if (initial(at) || seen.has(at)) continue;
        seen.add(at);
        const info = this.getModuleInfo(at);
        // A module of ours whose code is not known weighs too much to join (a virtual helper of the bundler's, nothing).
        if (!held.has(at)) weight += info?.code?.length ?? (at.startsWith('\0') ? 0 : Number.POSITIVE_INFINITY);
        next.push(...(info?.importedIds ?? []));
      }
      return weight;
    };
    const none = new Set<string>();
    for (const id of ids) {
      if (!initial(id) && !id.includes('node_modules') && SCREEN_PARTS.test(id) && beyond(id, none) <= PART_WEIGHT) parts.add(id);
    }
    // 台帳's screens but one that brings more than the parts (the import page: the contract's schemas), which keeps its file.
    for (const id of ids) if (!initial(id) && MASTERS.test(id)) masters.add(id);
    const held = () => new Set([...parts, ...masters]);
    for (let dropped = true; dropped; ) {
      dropped = false;
      const loaded = held();
      for (const id of masters) {
        if (beyond(id, loaded) > 0) {
          masters.delete(id);
          dropped = true;
        }
      }
    }
  },
};

/** The faces of the app's own text every screen draws (fonts.css: each face's first file, not its `-more` kanji). */
const FIRST_FACES = /^assets\/noto-sans-jp-(400|700)-(?!more)[^/]*\.woff2$/;

/**
 * ICU's Japanese calendar and number data, loaded while the app's code downloads: this small file comes back well
 * before the code, and the main thread has nothing else to do until the code has come. The first screen's first 和暦
 * date and figure then take well under a millisecond, not the 17–60 ms the first such formatter of a new window takes
 * to load that data in the middle of React's first drawing. Not on a worker: a worker's start took ~100–165 ms of a
 * core of its own, while the two cores are busy with the browser's start, and the first screen came ~45 ms later than
 * with the data loaded here (10 alternated starts). The formatters are the app's own (shared/wareki.ts, format.ts).
 */
const INTL_WARM = `// Made by renderer/vite.config.ts (firstScreenAhead).
new Intl.DateTimeFormat(${JSON.stringify(WAREKI_FORMAT.locale)}, ${JSON.stringify(WAREKI_FORMAT.options)}).formatToParts(0);
new Intl.NumberFormat(${JSON.stringify(GROUPED_FORMAT.locale)}, ${JSON.stringify(GROUPED_FORMAT.options)}).format(0);
`;

/**
 * What the main page starts on while its code downloads, so that its first screen does not wait for it once the code
 * has run: the script above, asked first (a tiny file, back before the code); and the faces its first screen draws,
 * asked with its code rather than when its first layout finds them — that layout then uses them, instead of the
 * system's Japanese font (looked up through the system's font list, laid out, and redrawn in the app's faces once they
 * come: ~20–30 ms of the first layout here). Not on the print page: a printer waits for its own faces before it prints,
 * and no one watches it start.
 */
const firstScreenAhead: Plugin = {
  name: 'first-screen-ahead',
  generateBundle() {
    this.emitFile({ type: 'asset', name: 'intl-warm.js', source: INTL_WARM });
  },
  transformIndexHtml: {
    order: 'post',
    handler(html, context) {
      if (!context.bundle || !context.path.endsWith('/index.html')) return html;
      const files = Object.keys(context.bundle).sort();
      const warm = files.find((file) => /^assets\/intl-warm-[^/]+\.js$/.test(file));
      if (!warm) throw new Error('intl-warm.js was not emitted before index.html was written');
      const faces = files.filter((file) => FIRST_FACES.test(file));
      if (faces.length !== 2) throw new Error(`the first screen's faces: ${faces.join(', ') || 'none'} (fonts.css changed?)`);
      return {
        html,
        tags: [
          { tag: 'script', attrs: { async: true, src: `./${warm}`, [AHEAD_MARK]: true }, injectTo: 'head-prepend' },
          ...faces.map((file) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: true, href: `./${file}`, [AHEAD_MARK]: true },
            injectTo: 'head' as const,
          })),
        ],
      };
    },
  },
};

const brotli = promisify(zlib.brotliCompress);

/**
 * Beside each script, style and drawing written, its brotli copy at brotli's best (shared/served-files.ts): the loopback
 * host sends it as it is, instead of compressing the first screen's code as it starts (~22 ms of a core here), on the two
 * cores the browser is starting on too. ~1–2 s of a build.
 */
const brotliCopies: Plugin = {
  name: 'brotli-copies',
  apply: 'build',
  async writeBundle(options, bundle) {
    const dir = options.dir!;
    await Promise.all(
      Object.keys(bundle)
        .filter(isCompressible)
        .map(async (name) => {
          const file = path.join(dir, name);
          const raw = await fs.promises.readFile(file);
          const params = {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          };
          await fs.promises.writeFile(file + BROTLI_COPY_SUFFIX, await brotli(raw, { params }));
        }),
    );
  },
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), screenParts, firstScreenAhead, brotliCopies],
  // @shared/… and @renderer/… as tsconfig.json defines them.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // The timing report is for whoever tunes the build, not for an officer starting the app.
    rolldownOptions: {
      // The app, and the print page on its own (shared/report/print.ts PRINT_PAGE): a printer loads only what prints.
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        print: fileURLToPath(new URL('print.html', import.meta.url)),
      },
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            // The first screen's code in three files beside its styles (these two and the bundler's runtime), not in seven
            // (its own, and each small module a later screen or the print page shares with it): the browser asks a host
            // six files at a time, so the sixth and later waited for a free connection, and the faces the first screen
            // draws behind them. What the print page loads too is the second file (it never loads the app's entry).
            { name: 'first', test: (id) => first.has(id) && !printed.has(id), priority: 2, includeDependenciesRecursively: false },
            { name: 'first-shared', test: (id) => first.has(id) && printed.has(id), priority: 1, includeDependenciesRecursively: false },
            // 台帳's page and its tabs as one file: loaded ahead first (App.tsx AHEAD), every tab's code is there with the
            // page's, rather than each tab's file (and the filter they share) asked for at its first open.
            {
              name: 'masters',
              test: (id) => masters.has(id),
              includeDependenciesRecursively: false,
            },
            {
              name: 'screen-parts',
              test: (id) => parts.has(id),
              minShareCount: 2,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});
