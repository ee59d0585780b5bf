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

export function forkCoreProcess(): CoreProcess {
  const child = utilityProcess.fork(CORE_PROCESS_ENTRY, [], { serviceName: 'Renkei コア', stdio: 'inherit' });
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
