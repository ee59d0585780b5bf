/**
 * The entry of the core's own process (built as dist/core/core-process.cjs).
 * Under Electron it is a utilityProcess and talks through
 * `process.parentPort`; under Node (the tests) it is a forked child and talks
 * through `process.send`. Everything else is serve.ts.
 */
import type { FromCore, Port, ToCore } from './protocol';
import { serveCore } from './serve';

/** Electron's ParentPort, as far as this process uses it (the core never imports electron). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

if (parentPort) {
  const port: Port<FromCore, ToCore> = {
    post: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToCore)),
  };
  // The shell ends the process once it has the last message (a utilityProcess has no flush to wait for).
  serveCore(port, (last) => port.post(last));
} else if (process.send) {
  const send = process.send.bind(process);
  const port: Port<FromCore, ToCore> = {
    post: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as ToCore)),
  };
  serveCore(port, (last, code) => void send(last, undefined, {}, () => process.exit(code)));
} else {
  console.error('このプログラムは Renkei のアプリから起動されます（単独では動きません）。');
  process.exit(2);
}
