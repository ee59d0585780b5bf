/**
 * How the page listens to what the shell sends it (window.renkei.on…): the
 * page's listener gets the message's arguments only — never Electron's event,
 * which carries ipcRenderer itself and with it every channel — and a function
 * that stops listening. Free of `electron`, so it is tested without it.
 */

/** ipcRenderer, as far as listening goes. */
export interface IpcEvents {
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Calls `listener` with each message's arguments on `channel`; returns how to stop.
 *
 * @example
 * onOtherChanges: (listener) => listenTo(ipcRenderer, 'renkei:other-changes', listener)
 */
export function listenTo(ipc: IpcEvents, channel: string, listener: (...args: unknown[]) => void): () => void {
  const forward = (_event: unknown, ...args: unknown[]) => listener(...args);
  ipc.on(channel, forward);
  return () => void ipc.removeListener(channel, forward);
}
