// Builds the loopback host's drawing of the first screen (src/first-screen.server.tsx) for Node into dist/first-screen:
// one CommonJS file with React and what it draws in it (the packaged app ships no React of its own to require); the
// screens it never draws in chunks beside it, never loaded.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // React's production build (the bundle would otherwise carry both and pick by the host's NODE_ENV, unset in serve).
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  resolve: { tsconfigPaths: true },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/first-screen.server.tsx',
    outDir: fileURLToPath(new URL('../dist/first-screen', import.meta.url)),
    emptyOutDir: true,
    minify: true,
    rolldownOptions: {
      checks: { bundlerTimings: false },
      output: { format: 'cjs', entryFileNames: 'first-screen.cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
    },
  },
});
