/**
 * A headless Chromium driven through its DevTools pipe
 * (`--remote-debugging-pipe`: JSON messages ended by a NUL byte, written to its
 * fd 3 and read from its fd 4). Printing needs five DevTools commands; a
 * general automation library costs the host 0.6–0.7 s of loading and ~70 MiB
 * of resident memory for them. The pipe also ties Chromium's life to ours: when
 * this process ends, however it ends, the pipe closes and Chromium quits.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { chromiumLockFolder, OWNER_FILE, ownerText, PROFILE_PREFIX, removeAbandonedProfiles } from './abandoned';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  sessionId: string | undefined;
}

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string; data?: string };
}

/** What Chromium printed last on stderr: the reason it would not start, if it says one. */
const STDERR_KEPT = 2000;
/** A browser that has not answered on the pipe by then never will (a wrapper that drops the pipe, a relaunch): it is killed. */
const LAUNCH_TIMEOUT_MS = 30_000;

export class DevToolsPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Pages that crashed or went away, and why: a command to one fails at once instead of never being answered. */
  private readonly lost = new Map<string, Error>();
  private ended: Error | null = null;
  private killed = false;
  private stderr = '';
  private readonly onEnd: Array<() => void> = [];
  private readonly exited: Promise<void>;
  private readonly removeOnExit = () => this.removeProfile();

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    // A write after Chromium quit fails on the stream; the exit below answers what was waiting.
    input.on('error', () => undefined);
    output.on('error', () => undefined);
    let partial: Buffer[] = [];
    output.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
        partial.push(chunk.subarray(start, end));
        this.receive(Buffer.concat(partial).toString('utf8'));
        partial = [];
        start = end + 1;
      }
      if (start < chunk.length) partial.push(chunk.subarray(start));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_KEPT);
    });
    this.exited = new Promise((resolve) => {
      const end = (error: Error) => {
        if (!this.ended) this.ended = error;
        for (const pending of this.pending.values()) pending.reject(this.ended);
        this.pending.clear();
        for (const listener of this.onEnd.splice(0)) listener();
        resolve();
      };
      child.once('error', (error) => end(error));
      child.once('exit', (code, signal) => end(new Error(`ブラウザーが終了しました（${signal ?? `終了コード ${code}`}）`)));
    });
    void this.exited.then(() => this.removeProfile());
    process.once('exit', this.removeOnExit);
  }

  /** Starts Chromium with a profile of its own (removed when it ends) and waits until it answers on the pipe. */
  static async launch(executablePath: string, args: string[]): Promise<DevToolsPipe> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), PROFILE_PREFIX));
    // Whose it is, so that a later print can tell it was abandoned should this process be killed outright.
    fs.writeFileSync(path.join(profile, OWNER_FILE), ownerText());
    // In a process group of its own (POSIX), so its helpers (renderers, zygotes) can be ended with it.
    const child = spawn(executablePath, [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const browser = new DevToolsPipe(child, profile);
    const timer = setTimeout(() => browser.kill(), LAUNCH_TIMEOUT_MS);
    try {
      await browser.send('Browser.getVersion');
    } catch (error) {
      const said = browser.stderr.trim().split('\n').at(-1);
      const why = browser.killed ? `${LAUNCH_TIMEOUT_MS / 1000}秒待っても応答がありませんでした` : (error as Error).message;
      throw new Error(said ? `${why}: ${said}` : why);
    } finally {
      clearTimeout(timer);
    }
    // Once this browser answers, off the print's way: profiles of browsers whose process was killed outright.
    void removeAbandonedProfiles(os.tmpdir(), profile);
    return browser;
  }

  get closed(): boolean {
    return this.ended !== null;
  }

  /** Called once when Chromium ends (closed, crashed or killed). */
  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.onEnd.push(listener);
  }

  /** One DevTools command, to the browser or to an attached page's session. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    const gone = sessionId === undefined ? undefined : this.lost.get(sessionId);
    if (gone) return Promise.reject(gone);
    const id = this.nextId++;
    const message: Message = sessionId ? { id, method, params, sessionId } : { id, method, params };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, sessionId });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  /**
   * Ends Chromium and waits for it. Killed, not asked to quit: its profile is thrown away with it, so there is
   * nothing to save, and quitting took a tenth of a second more of every command that printed.
   */
  async close(): Promise<void> {
    if (!this.ended) this.kill();
    // A kill that did not take (taskkill refused) is not waited for forever.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
  }

  /** Ends Chromium and every process it started, at once. */
  kill(): void {
    this.killed = true;
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      // Its own process group on POSIX; on Windows taskkill ends the tree.
      if (process.platform === 'win32') {
        // Windows ends a browser's helpers with it; a process id that has ended may already be another's.
        if (!this.ended) spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
      } else process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  private receive(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      // Not a message of the protocol (nothing else writes to this pipe): nothing waits on it.
      return;
    }
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${message.error.message}${message.error.data ? ` (${message.error.data})` : ''}`));
      else pending.resolve(message.result);
      return;
    }
    // A page that crashed or went away answers nothing more: what waits on it fails now, not at the print's time limit.
    if (message.method === 'Inspector.targetCrashed' || message.method === 'Target.detachedFromTarget') {
      const sessionId = message.sessionId ?? (message.params?.sessionId as string | undefined);
      const error = new Error(
        message.method === 'Inspector.targetCrashed' ? '印刷用の画面が異常終了しました' : '印刷用の画面が閉じられました',
      );
      if (sessionId !== undefined) this.lost.set(sessionId, error);
      for (const [id, pending] of this.pending) {
        if (pending.sessionId !== undefined && pending.sessionId === sessionId) {
          this.pending.delete(id);
          pending.reject(error);
        }
      }
    }
  }

  /**
   * The profile folder goes with the browser. A browser that was killed leaves
   * its helper processes for a moment, and they may still write there: they are
   * ended first; at our own exit, the browser is ended first too. The removal
   * retries while a file is still held (Windows). Chromium's single-instance
   * lock, a folder of its own beside the profile that the profile links to
   * (SingletonSocket → /tmp/org.chromium.Chromium.XXXXXX/SingletonSocket), goes
   * too: Chromium removes it when it quits, not when it is killed.
   */
  private removeProfile(): void {
    process.removeListener('exit', this.removeOnExit);
    this.kill();
    const lock = chromiumLockFolder(this.profile);
    try {
      if (lock) fs.rmSync(lock, { recursive: true, force: true });
    } catch {
      // Gone already.
    }
    try {
      fs.rmSync(this.profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // Still held after the retries: the temporary folder is the system's to clean.
    }
  }
}
