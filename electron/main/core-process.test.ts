/**
 * The shell's logic around the core's process that runs without Electron:
 * which page calls are passed on, and when a core that ended is started again.
 * The channel itself is tested over a forked core (electron/core/process).
 */
import { describe, expect, it } from 'vitest';
import { afterCoreExit, CRASH_WINDOW_MS, RESTARTS_ALLOWED } from './core-restart';
import { APP_ENTRY_URL } from './navigation';
import { REFUSED_CALL, relayCall } from './relay';

describe('relaying a page call to the core', () => {
  it('passes on a call from the app’s page with its job id, and an empty job id as none', () => {
    expect(relayCall(APP_ENTRY_URL, 'masters.import.commit', { kind: 'institutions' }, 'import-1')).toEqual({
      name: 'masters.import.commit',
      input: { kind: 'institutions' },
      options: { jobId: 'import-1' },
    });
    expect(relayCall(`${APP_ENTRY_URL}#/fund`, 'app.summary', {}, '')).toEqual({ name: 'app.summary', input: {}, options: {} });
    expect(relayCall(APP_ENTRY_URL, 'app.summary', {}, 42)).toEqual({ name: 'app.summary', input: {}, options: {} });
  });

  it('refuses a call from another page, from a frame without an address, or without a name', () => {
    expect(relayCall('https://example.com/', 'settings.update', {}, undefined)).toBeNull();
    expect(relayCall('file:///tmp/index.html', 'settings.update', {}, undefined)).toBeNull();
    expect(relayCall(undefined, 'settings.update', {}, undefined)).toBeNull();
    expect(relayCall(APP_ENTRY_URL, { name: 'settings.update' }, {}, undefined)).toBeNull();
    expect(REFUSED_CALL).toEqual({ ok: false, error: { code: 'unauthorized', message: 'この画面からの操作は受け付けません' } });
  });
});

describe('a core process that ended unexpectedly', () => {
  it('is started again, until it has ended more than allowed within the window', () => {
    const t0 = 1_000_000;
    let state = afterCoreExit([], t0);
    expect(state).toEqual({ crashes: [t0], restart: true });
    for (let i = 1; i < RESTARTS_ALLOWED; i++) state = afterCoreExit(state.crashes, t0 + i * 1_000);
    expect(state.restart).toBe(true);
    expect(afterCoreExit(state.crashes, t0 + 5_000).restart).toBe(false);
  });

  it('forgets ends older than the window', () => {
    const t0 = 1_000_000;
    const old = [t0, t0 + 1_000];
    expect(afterCoreExit(old, t0 + 2_000).restart).toBe(false);
    expect(afterCoreExit(old, t0 + 1_000 + CRASH_WINDOW_MS)).toEqual({ crashes: [t0 + 1_000 + CRASH_WINDOW_MS], restart: true });
  });
});
