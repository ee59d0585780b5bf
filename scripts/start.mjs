// `npm start`: builds, then opens the desktop app in Electron. Where Electron
// could not be installed (no access to its download), says so in Japanese and
// serves the same app on 127.0.0.1 instead, opening it in a browser if one exists.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const passThrough = process.argv.slice(2);

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The Electron binary, or null when the package or its binary is missing. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (electron) {
  const { ensureElectronBinding } = await import('./native-electron.mjs');
  const binding = ensureElectronBinding();
  forward(spawn(electron, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env: { ...process.env, RENKEI_SQLITE_BINDING: binding } }));
} else {
  console.log('');
  console.log('デスクトップ版（Electron）はこのPCでは利用できません（Electron 本体をダウンロードできませんでした）。');
  console.log('同じアプリをこのPCの中だけ（127.0.0.1）でブラウザ向けに起動します。');
  console.log('');
  forward(
    spawn(process.execPath, [path.join(root, 'dist', 'core', 'cli.cjs'), 'serve', '--open', ...passThrough], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
}
