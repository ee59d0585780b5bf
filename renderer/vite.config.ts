// Builds the renderer into dist/renderer with relative asset paths, so the
// same files load from the Electron app:// protocol and the loopback host.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The @fontsource faces as Chromium (Electron's and the browsers the host
 * serves) uses them: woff2 only, so the .woff copies beside them (17 MB that
 * no supported browser ever fetches) are not shipped, and no Cyrillic or
 * Vietnamese subsets, which no Japanese report or screen shows. The
 * unicode-range of each remaining face still lets Chromium fetch only the
 * subsets a page draws.
 */
function woff2Only(): Plugin {
  return {
    name: 'renkei-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].*\.css$/.test(id)) return null;
      const faces = code.split(/(?=\/\* [^*]+ \*\/\n@font-face)/);
      return faces
        .filter((face) => !/^\/\* [^*]*-(cyrillic|vietnamese)-[^*]* \*\//.test(face))
        .join('')
        .replace(/, url\([^)]+\.woff\) format\('woff'\)/g, '');
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [woff2Only(), react()],
  // @shared/… and @renderer/… as tsconfig.json defines them.
  resolve: { tsconfigPaths: true },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // The timing report is for whoever tunes the build, not for an officer starting the app.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
