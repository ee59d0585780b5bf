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

const screenParts: Plugin = {
  name: 'screen-parts',
  buildEnd() {
    initial.clear();
    parts.clear();
    const ids = [...this.getModuleIds()];
    const pending = ids.filter((id) => this.getModuleInfo(id)?.isEntry);
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (initial.has(id)) continue;
      initial.add(id);
      pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
    }
    // What a module brings beyond the first screen's: itself and its imports, each once.
    const beyond = (id: string): number => {
      const seen = new Set<string>();
      let weight = 0;
      for (const next = [id]; next.length > 0; ) {
        const at = next.pop()!;
        if (initial.has(at) || seen.has(at)) continue;
        seen.add(at);
        const info = this.getModuleInfo(at);
        weight += info?.code?.length ?? 0;
        next.push(...(info?.importedIds ?? []));
      }
      return weight;
    };
    for (const id of ids) {
      if (!initial.has(id) && !id.includes('node_modules') && SCREEN_PARTS.test(id) && beyond(id) <= PART_WEIGHT) parts.add(id);
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
