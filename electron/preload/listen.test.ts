/**
 * The bridge's listening, without Electron: ipcRenderer stands in as a Node
 * EventEmitter, which emits as Electron does (the event first, then the
 * message's arguments).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { OTHER_CHANGES_CHANNEL } from '../main/relay';
import { listenTo } from './listen';

describe('the page listening to the shell', () => {
  it('hears each notice of other people’s changes with the arguments only, never Electron’s event, until it stops', () => {
    const ipc = new EventEmitter();
    const electronEvent = { sender: { send: () => undefined } };
    const heard: unknown[][] = [];
    const stop = listenTo(ipc, OTHER_CHANGES_CHANNEL, (...args) => heard.push(args));

    ipc.emit(OTHER_CHANGES_CHANNEL, electronEvent);
    ipc.emit('renkei:edit', electronEvent, 'undo');
    ipc.emit(OTHER_CHANGES_CHANNEL, electronEvent);
    expect(heard).toEqual([[], []]);

    stop();
    ipc.emit(OTHER_CHANGES_CHANNEL, electronEvent);
    expect(heard).toHaveLength(2);
    expect(ipc.listenerCount(OTHER_CHANGES_CHANNEL)).toBe(0);
  });

  it('passes a message’s arguments on, and stops one listener without the others', () => {
    const ipc = new EventEmitter();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = listenTo(ipc, 'renkei:edit', (command) => first.push(command));
    listenTo(ipc, 'renkei:edit', (command) => second.push(command));
    ipc.emit('renkei:edit', {}, 'undo');
    stopFirst();
    ipc.emit('renkei:edit', {}, 'redo');
    expect(first).toEqual(['undo']);
    expect(second).toEqual(['undo', 'redo']);
  });
});
