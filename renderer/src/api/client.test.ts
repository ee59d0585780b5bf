/**
 * The desktop transport over window.renkei: other people's changes reach the
 * screens through the same `onOtherChanges` as the loopback host's stream.
 */
import { describe, expect, it } from 'vitest';
import { bridgeTransport, type RenkeiBridge } from './client';

/** A stand-in for the preload's window.renkei: calls answered, and the shell's notices sent by hand. */
function standInBridge(): RenkeiBridge & { notify(): void } {
  const listeners = new Set<() => void>();
  return {
    call: async (name) => ({ ok: true, value: name }),
    pickDatabaseFile: async () => null,
    onEditCommand: () => () => undefined,
    onOtherChanges(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    notify: () => {
      for (const listener of listeners) listener();
    },
  };
}

describe('the desktop transport', () => {
  it('tells the screens of each change the shell passes on, until they stop listening', async () => {
    const bridge = standInBridge();
    const transport = bridgeTransport(bridge);
    expect(transport.kind).toBe('electron');
    expect(await transport.call('app.summary', {})).toEqual({ ok: true, value: 'app.summary' });

    let refetched = 0;
    const stop = transport.onOtherChanges?.(() => (refetched += 1));
    expect(stop).toBeTypeOf('function');
    bridge.notify();
    bridge.notify();
    expect(refetched).toBe(2);
    stop?.();
    bridge.notify();
    expect(refetched).toBe(2);
  });

  it('passes on a change the shell sent before the screens listened, once, as soon as they listen', () => {
    const bridge = standInBridge();
    // Made as the page starts (main.tsx), before its first questions and before React draws.
    const transport = bridgeTransport(bridge);
    bridge.notify();
    bridge.notify();
    let refetched = 0;
    const stop = transport.onOtherChanges!(() => (refetched += 1));
    expect(refetched).toBe(1);
    bridge.notify();
    expect(refetched).toBe(2);
    stop();
    // Between one listener and the next (a screen drawn again), nothing is lost either.
    bridge.notify();
    const again = transport.onOtherChanges!(() => (refetched += 10));
    expect(refetched).toBe(12);
    // Each listener hears every notice until its own stop.
    let other = 0;
    const stopOther = transport.onOtherChanges!(() => (other += 1));
    bridge.notify();
    expect([refetched, other]).toEqual([22, 1]);
    stopOther();
    bridge.notify();
    expect([refetched, other]).toEqual([32, 1]);
    again();
  });
});
