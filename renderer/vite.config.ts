// Builds the renderer into dist/renderer with relative asset paths, so the
// same files load from the Electron app:// protocol and the loopback host.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

/** Module ids the first screen and the print page load (their static imports, followed to the end). */
const initial = new Set<string>();
/** The screen parts, found once the module graph is known. */
const parts = new Set<string>();

/** 台帳's screens (its page and tabs, what they alone share), and those of them that go in one file (`masters`). */
const MASTERS = /[\\/]renderer[\\/]src[\\/]features[\\/]masters[\\/]/;
const masters = new Set<string>();

const screenParts: Plugin = {
  name: 'screen-parts',
  buildEnd() {
    initial.clear();
    parts.clear();
    masters.clear();
    const ids = [...this.getModuleIds()];
    const pending = ids.filter((id) => this.getModuleInfo(id)?.isEntry);
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (initial.has(id)) continue;
      initial.add(id);
      pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
    }
    // What a module brings beyond the first screen's and `held` (loaded with it in any case): it and its imports, once each.
    const beyond = (id: string, held: ReadonlySet<string>): number => {
      const seen = new Set<string>();
      let weight = 0;
      for (const next = [id]; next.length > 0; ) {
        const at = next.pop()!;
        if (initial.has(at) || seen.has(at)) continue;
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
      if (!initial.has(id) && !id.includes('node_modules') && SCREEN_PARTS.test(id) && beyond(id, none) <= PART_WEIGHT) parts.add(id);
    }
    // 台帳's screens but one that brings more than the parts (the import page: the contract's schemas), which keeps its file.
    for (const id of ids) if (!initial.has(id) && MASTERS.test(id)) masters.add(id);
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

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), screenParts],
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
