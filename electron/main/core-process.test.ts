/**
 * The shell's logic around the core's process that runs without Electron:
 * which page calls are passed on, how the core's notices of other people's
 * changes reach the window, when a core that ended is started again, and what
 * the user is told when it will not. The channel itself is tested over a
 * forked core (electron/core/process).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoreOpenError } from '../core/process/client';
import {
  afterCoreExit,
  CORE_GAVE_UP,
  CORE_GAVE_UP_SHARED,
  CRASH_WINDOW_MS,
  coreGaveUp,
  RESTARTS_ALLOWED,
  restartFailure,
} from './core-restart';
import { APP_ENTRY_URL } from './navigation';
import { OTHER_CHANGES_QUIET_MS, otherChangesRelay, REFUSED_CALL, relayCall } from './relay';

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

describe('other people’s changes on to the window', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('passes a lone notice on at once', () => {
    let sent = 0;
    const relay = otherChangesRelay(() => (sent += 1));
    relay.notice();
    expect(sent).toBe(1);
    vi.advanceTimersByTime(OTHER_CHANGES_QUIET_MS);
    relay.notice();
    expect(sent).toBe(2);
  });

  it('makes a burst one refetch at its start and one after it, so the screens end on the last change', () => {
    let sent = 0;
    const relay = otherChangesRelay(() => (sent += 1));
    for (let i = 0; i < 20; i++) {
      relay.notice();
      vi.advanceTimersByTime(10);
    }
    expect(sent).toBe(1);
    vi.advanceTimersByTime(OTHER_CHANGES_QUIET_MS);
    expect(sent).toBe(2);
    // Quiet since: nothing more is sent.
    vi.advanceTimersByTime(10 * OTHER_CHANGES_QUIET_MS);
    expect(sent).toBe(2);
  });

  it('drops a notice still owed once stopped (the page is loaded again anyway)', () => {
    let sent = 0;
    const relay = otherChangesRelay(() => (sent += 1));
    relay.notice();
    relay.notice();
    relay.stop();
    vi.advanceTimersByTime(10 * OTHER_CHANGES_QUIET_MS);
    expect(sent).toBe(1);
    relay.notice();
    expect(sent).toBe(2);
  });
});

describe('what the user is told when the core cannot go on', () => {
  const shared = { host: 'db.pref.example', port: 5432, database: 'renkei', user: 'yamada' };

  it('speaks of the server and 情報システム担当 on a shared database, of the file’s folder on a file', () => {
    expect(coreGaveUp(false)).toBe(CORE_GAVE_UP);
    expect(CORE_GAVE_UP.message).toContain('共有フォルダー');
    const onServer = coreGaveUp(true);
    expect(onServer).toBe(CORE_GAVE_UP_SHARED);
    expect(onServer.message).toContain('共有データベースのサーバー');
    expect(onServer.message).toContain('情報システム担当');
    expect(onServer.message).not.toMatch(/ファイル|共有フォルダー/);
  });

  it('says the server is unreachable, not the core’s words for the CLI, when a shared core will not start again', () => {
    const error = new CoreOpenError(
      '共有データベース「postgres://yamada@db.pref.example:5432/renkei」に接続できません（connect ECONNREFUSED）。パスワード（環境変数 PGPASSWORD か .pgpass ファイル）を確かめてください。',
      'ECONNREFUSED',
    );
    const failure = restartFailure(shared, error);
    expect(failure.title).toBe('共有データベースのサーバーに接続できません');
    expect(failure.message).toContain('db.pref.example:5432/renkei');
    expect(failure.message).toContain('情報システム担当');
    expect(failure.message).toContain('アプリを終了します');
    expect(failure.message).not.toContain('PGPASSWORD');
  });

  it('says the password was refused when it changed meanwhile, and gives the core’s own message on a file', () => {
    expect(restartFailure(shared, new CoreOpenError('ユーザー名またはパスワードが違います', '28P01')).title).toBe(
      'ユーザー名またはパスワードが違います',
    );
    const onFile = restartFailure(undefined, new Error('データベース「/tmp/x.sqlite」を開けません'));
    expect(onFile).toEqual({ title: 'データベースを開けません', message: 'データベース「/tmp/x.sqlite」を開けません' });
  });
});
