/**
 * How the renderer's files are sent compressed: which ones (scripts, styles, drawings and data written as text; fonts
 * and images are compressed already), and the brotli copy the build writes beside each of them in dist/renderer — so
 * the loopback host sends bytes made once, when the app was built, not compressed by the host as it starts, on the
 * cores the browser is starting on (renderer/vite.config.ts writes them, electron/core/host/compress.ts sends them).
 */
export const COMPRESSIBLE_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.css', '.svg', '.json'];

/** The suffix of a file's brotli copy beside it (`index-1a2b3c4d.js.br`). */
export const BROTLI_COPY_SUFFIX = '.br';

/** Whether `file` (a path or a name) is sent compressed to a browser that accepts it. */
export function isCompressible(file: string): boolean {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && COMPRESSIBLE_EXTENSIONS.includes(name.slice(dot));
}

/**
 * The attribute of what index.html asks for ahead of a first screen the page draws itself (its two faces preloaded,
 * ICU's data loaded: renderer/vite.config.ts firstScreenAhead). The loopback host leaves those elements out of a page
 * whose home it draws itself (electron/core/host/first-screen.ts).
 */
export const AHEAD_MARK = 'data-ahead';
