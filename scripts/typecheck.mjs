// Type-checks the project; the Electron shell too where the electron package
// (which carries its types) is installed — it is optional, and absent here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (project) => spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' }).status === 0;

if (!run('tsconfig.json')) process.exit(1);
if (fs.existsSync(path.join(root, 'node_modules', 'electron', 'electron.d.ts'))) {
  if (!run('electron/tsconfig.shell.json')) process.exit(1);
} else {
  console.log('型検査: electron パッケージがないため、Electron シェル（electron/main, electron/preload）は型検査を省きました。');
}
