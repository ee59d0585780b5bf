/**
 * The renderer's files as the loopback host sends them, each read (and
 * compressed) once per host and then sent from memory: a page asks for dozens
 * of font files at the moment it also asks the core for its data, and the
 * host answers both on one thread. Scripts and styles are compressed for the
 * browser (brotli, else gzip) off the event loop (in zlib's threads) — the
 * first screen's as soon as the host listens, while the browser is still
 * starting, so no page waits for them. Fonts and images are compressed
 * already and go as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json']);
/** Within a few percent of brotli's best on these files, at a hundredth of its time (~25 ms for the entry script). */
const BROTLI_QUALITY = 5;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The encoding to send `file` in, from what the browser accepts; null to send it as it is. */
export function encodingFor(file: string, acceptEncoding: string | undefined): Encoding | null {
  if (!COMPRESSIBLE.has(path.extname(file))) return null;
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

/** Whether the answer for `file` depends on the browser's Accept-Encoding (for the Vary header). */
export function isCompressible(file: string): boolean {
  return COMPRESSIBLE.has(path.extname(file));
}

export class ServedFiles {
  /** By encoding, size, modification time and path: a file rebuilt under a running host is read again. */
  private readonly made = new Map<string, Promise<Buffer>>();

  /** The file's bytes as sent: in `encoding`, or as they are (null). */
  get(file: string, encoding: Encoding | null): Promise<Buffer> {
    const { size, mtimeMs } = fs.statSync(file);
    const key = `${encoding ?? 'identity'} ${size} ${mtimeMs} ${file}`;
    let body = this.made.get(key);
    if (!body) {
      body = fs.promises.readFile(file).then((raw) =>
        encoding === null
          ? raw
          : encoding === 'br'
            ? brotli(raw, {
                params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
              })
            : gzip(raw),
      );
      this.made.set(key, body);
      body.catch(() => this.made.delete(key));
    }
    return body;
  }

  /**
   * Makes ready what `index.html` loads, as soon as the host listens: its scripts and styles compressed in brotli (what
   * Chromium and Electron accept), the faces it preloads read as they are — so the first screen's faces come with its
   * code, before its first layout, not after a file read queued behind the compressions.
   */
  warm(root: string, indexFile: string): void {
    const html = fs.readFileSync(indexFile, 'utf8');
    for (const [, relative] of html.matchAll(/(?:src|href)="\.\/([^"]+\.(?:js|css|woff2))"/g)) {
      const file = path.resolve(root, relative!);
      if (file.startsWith(root + path.sep) && fs.existsSync(file))
        void this.get(file, isCompressible(file) ? 'br' : null).catch(() => undefined);
    }
  }
}
