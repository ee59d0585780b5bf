/**
 * Sizes (`--sizes`): what the officer downloads and installs, in bytes.
 * - `dist/renderer`: fonts apart from JS/CSS and the rest (goal < 12 MB).
 * - The packaged app apart from Electron itself (goal < 35 MB): electron-builder
 *   itself packs the app (`--dir`, Linux x64) around a stand-in Electron (an
 *   empty folder, so nothing is downloaded; network access is pointed at a dead
 *   proxy), so the figure follows the `files`/`extraResources`/asarUnpack rules
 *   of electron-builder.yml and the production dependency tree exactly as a real
 *   `npm run dist` applies them. Everything under `resources/` is then the app's:
 *   the asar's files by part, its unpacked files and the extra resources.
 *   Without the Electron build of better-sqlite3 in build/native/ (made by
 *   `npm run dist`), the Node build stands in for it (the same source, about the
 *   same size) and the line says so.
 * Sizes do not vary between runs, so each is measured once.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

const bytesOf = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(file).size, 0);

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  unpacked?: boolean;
}

/** The files an asar archive holds, with their sizes, read from its header (a pickled JSON string). */
function asarFiles(file: string): { path: string; size: number; unpacked: boolean }[] {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    fs.readSync(fd, head, 0, 8, 0);
    const header = Buffer.alloc(head.readUInt32LE(4));
    fs.readSync(fd, header, 0, header.length, 8);
    const json = header.subarray(8, 8 + header.readUInt32LE(4)).toString('utf8');
    const out: { path: string; size: number; unpacked: boolean }[] = [];
    const walk = (entry: AsarEntry, at: string) => {
      if (entry.files) for (const [name, child] of Object.entries(entry.files)) walk(child, at ? `${at}/${name}` : name);
      else out.push({ path: at, size: entry.size ?? 0, unpacked: entry.unpacked === true });
    };
    walk(JSON.parse(json) as AsarEntry, '');
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** The part of the app a packed file belongs to: dist/<part>, node_modules/<package>, or the file itself. */
function partOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'node_modules') return 'node_modules';
  if (parts[0] === 'dist') return parts.slice(0, 2).join('/');
  return file;
}

function rendererSizes(line: (label: string, value: string) => void): void {
  const files = filesUnder(path.join(ROOT, 'dist', 'renderer'));
  if (files.length === 0) throw new Error('dist/renderer がありません（先に node scripts/build.mjs）');
  const fonts = files.filter((file) => /\.(woff2?|ttf|otf)$/.test(file));
  const code = files.filter((file) => /\.(js|css)$/.test(file));
  const rest = files.filter((file) => !fonts.includes(file) && !code.includes(file));
  line(
    'dist/renderer (goal < 12 MB)',
    `${MB(bytesOf(files))}: fonts ${MB(bytesOf(fonts))} in ${fonts.length} files, JS/CSS ${MB(bytesOf(code))} in ${code.length} files, other ${MB(bytesOf(rest))}`,
  );
}

function packagedSizes(dir: string, line: (label: string, value: string) => void): void {
  const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    extraResources?: { from: string; to: string }[];
    [key: string]: unknown;
  };
  const electronDist = path.join(dir, 'sizes-electron');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(electronDist, 'electron'), '');
  const output = path.join(dir, 'sizes-release');
  const standIns: string[] = [];
  const extraResources = (config.extraResources ?? []).map(({ from, to }) => {
    if (fs.existsSync(path.join(ROOT, from))) return { from, to };
    if (path.basename(from) !== 'better_sqlite3.node') throw new Error(`${from} がありません`);
    standIns.push(to);
    return { from: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', to };
  });
  const configFile = path.join(dir, 'sizes-electron-builder.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({ ...config, electronDist, extraResources, directories: { ...(config.directories as object), output } }),
  );
  const dead = 'http://127.0.0.1:9';
  const built = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--config', configFile, '--dir', '--linux', '--x64'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        HTTP_PROXY: dead,
        HTTPS_PROXY: dead,
        http_proxy: dead,
        https_proxy: dead,
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
    },
  );
  if (built.status !== 0) throw new Error(`electron-builder --dir が失敗しました:\n${built.stdout}\n${built.stderr}`);
  const resources = path.join(output, 'linux-unpacked', 'resources');
  const asar = path.join(resources, 'app.asar');
  const packed = asarFiles(asar);
  const byPart = new Map<string, number>();
  for (const file of packed) byPart.set(partOf(file.path), (byPart.get(partOf(file.path)) ?? 0) + file.size);
  const total = bytesOf(filesUnder(resources));
  const outside = total - fs.statSync(asar).size - bytesOf(filesUnder(path.join(resources, 'app.asar.unpacked')));
  const parts = [...byPart].sort((a, b) => b[1] - a[1]).map(([part, bytes]) => `${part} ${MB(bytes)}`);
  line(
    'packaged app without Electron (electron-builder --dir, goal < 35 MB)',
    `${MB(total)}: app.asar ${MB(fs.statSync(asar).size)} (${parts.join(', ')}; ${packed.filter((f) => f.unpacked).length} files unpacked), extraResources ${MB(outside)}${standIns.length > 0 ? ` (the Node build of better-sqlite3 stands in for ${standIns.join(', ')})` : ''}`,
  );
  const packageOf = (file: string) => {
    const [, scope, name] = file.split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  };
  const modules = [...new Set(packed.filter((f) => f.path.startsWith('node_modules/')).map((f) => packageOf(f.path)))];
  modules.sort();
  line(
    'packaged node_modules',
    `${modules.length} packages${modules.length > 0 ? `: ${modules.slice(0, 12).join(', ')}${modules.length > 12 ? ', …' : ''}` : ''}`,
  );
}

export async function benchSizes(dir: string, line: (label: string, value: string) => void): Promise<void> {
  rendererSizes(line);
  packagedSizes(dir, line);
}
