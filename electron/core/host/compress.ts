/**
 * The renderer's files as the loopback host sends them, each read once per
 * host and then sent from memory: a page asks for dozens of files at the
 * moment it also asks the core for its data, and the host answers both on one
 * thread. Scripts and styles go in brotli as the build wrote them beside the
 * file (shared/served-files.ts), read as soon as the host listens, so no page
 * waits for them; a file without its copy (a build of older days, a test's) is
 * compressed here off the event loop (in zlib's threads), as is the gzip a
 * browser without brotli asks for. Fonts and images are compressed already and
 * go as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { BROTLI_COPY_SUFFIX, isCompressible } from '@shared/served-files';

export { isCompressible };

export type Encoding = 'br' | 'gzip';

/** Within a few percent of brotli's best on these files, at a hundredth of its time (~25 ms for the entry script). */
const BROTLI_QUALITY = 5;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The encoding to send `file` in, from what the browser accepts; null to send it as it is. */
export function encodingFor(file: string, acceptEncoding: string | undefined): Encoding | null {
  if (!isCompressible(file)) return null;
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

/**
 * The build's brotli copy of `file` (modified at `mtimeMs`), or null: none, or one older than the file (the file
 * written again since, by a build that stopped before its copies).
 */
function builtCopy(file: string, mtimeMs: number): string | null {
  const copy = file + BROTLI_COPY_SUFFIX;
  const stat = fs.statSync(copy, { throwIfNoEntry: false });
  return stat?.isFile() && stat.mtimeMs >= mtimeMs ? copy : null;
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
      const copy = encoding === 'br' ? builtCopy(file, mtimeMs) : null;
      body = copy
        ? fs.promises.readFile(copy)
        : fs.promises.readFile(file).then((raw) =>
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
   * Makes ready what `index.html` loads, as soon as the host listens: its scripts and styles in brotli (what Chromium and
   * Electron accept; the build's copies read), the faces it preloads read as they are — so the first screen's code and
   * faces are in memory before the browser asks for them.
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
