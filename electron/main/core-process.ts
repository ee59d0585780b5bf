/**
 * Starts the core in its own process (Electron's utilityProcess), so a large
 * import or a pack never freezes the window. The channel and its logic are
 * the core's (electron/core/process); this is only Electron's way to fork.
 */
import path from 'node:path';
import { utilityProcess } from 'electron';
import type { CoreProcess } from '../core/process/client';
import type { FromCore } from '../core/process/protocol';

/** Built by scripts/build.mjs beside the core's other bundles (inside the app's archive when packaged). */
const CORE_PROCESS_ENTRY = path.join(__dirname, '..', 'core', 'core-process.cjs');

/**
 * `args` and `env` are the launch's (core-launch.ts): in shared mode the
 * password is in `env` as PGPASSWORD, which only this process and the user's
 * own account can read — never in `args`, which every process list shows.
 */
export function forkCoreProcess(args: string[], env: Record<string, string>): CoreProcess {
  const child = utilityProcess.fork(CORE_PROCESS_ENTRY, args, { serviceName: 'Renkei コア', stdio: 'inherit', env });
  let alive = true;
  child.once('exit', () => (alive = false));
  return {
    // A message to a process that just ended is dropped; its exit answers the calls it held.
    post: (message) => alive && child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as FromCore)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void (alive && child.kill()),
  };
}
