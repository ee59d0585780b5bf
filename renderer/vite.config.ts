// Builds the renderer into dist/renderer with relative asset paths, so the
// same files load from the Electron app:// protocol and the loopback host.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
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
    },
  },
});
