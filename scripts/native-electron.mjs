// better-sqlite3 built for Electron's ABI, kept apart from the Node build in
// node_modules, so `npm start` (Electron) and `npm test` (Node) never replace
// each other's binary. The core picks the file through better-sqlite3's
// `nativeBinding` option. Built once per Electron version, platform and arch
// under .cache/native/; a prebuilt binary is tried first, then node-gyp.
//   node scripts/native-electron.mjs              → prints the path for this machine
//   node scripts/native-electron.mjs --for-dist   → copies it to build/native/ for electron-builder
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export function electronVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

export function ensureElectronBinding({ version = electronVersion(), platform = process.platform, arch = process.arch } = {}) {
  const target = path.join(root, '.cache', 'native', `electron-v${version}-${platform}-${arch}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return target;

  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-native-'));
  const pkgDir = path.join(work, 'better-sqlite3');
  fs.cpSync(source, pkgDir, { recursive: true, filter: (p) => !p.startsWith(path.join(source, 'build')) });
  console.log(`Electron ${version}（${platform}-${arch}）用の better-sqlite3 を用意しています…`);

  const prebuild = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const ok =
    run(process.execPath, [prebuild, '--runtime', 'electron', '--target', version, '--arch', arch, '--platform', platform], pkgDir) ||
    (platform === process.platform &&
      run(
        'npm',
        [
          'exec',
          '--yes',
          '--',
          'node-gyp',
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${version}`,
          `--arch=${arch}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        pkgDir,
      ));
  const built = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !fs.existsSync(built)) {
    fs.rmSync(work, { recursive: true, force: true });
    throw new Error(
      'Electron 用の better-sqlite3 を用意できませんでした。インターネットに接続できる環境で npm start をやり直してください。',
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  fs.rmSync(work, { recursive: true, force: true });
  return target;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const forDist = process.argv.includes('--for-dist');
  const platformArg = process.argv.find((a) => a.startsWith('--platform='))?.split('=')[1];
  const archArg = process.argv.find((a) => a.startsWith('--arch='))?.split('=')[1];
  const binding = ensureElectronBinding({ platform: platformArg ?? process.platform, arch: archArg ?? process.arch });
  if (forDist) {
    const out = path.join(root, 'build', 'native', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(binding, out);
    console.log(out);
  } else console.log(binding);
}
