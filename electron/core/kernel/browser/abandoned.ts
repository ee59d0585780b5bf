/**
 * Printing profiles left behind: each printing Chromium runs on a profile of
 * its own in the temporary folder (`renkei-print-*`, ~6 MB), removed when it
 * ends — unless the process that started it was killed outright (SIGKILL, the
 * task manager's 終了, a power cut), when nobody is left to remove it. A later
 * print removes those it can tell are abandoned, in the background; anything
 * it cannot tell for certain (another user's, another machine's or
 * container's, one from before the owner file, one it cannot read) is left.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const PROFILE_PREFIX = 'renkei-print-';

/** The file in a profile naming the process that started its browser (JSON: host, pid, pid namespace). */
export const OWNER_FILE = 'renkei-owner';

/** How long a profile whose owner ended must have been left alone: its browser quits a moment after its owner. */
const QUIET_FOR_MS = 60_000;
/** At most this many profiles removed by one sweep, so a print never shares its machine with a long clean-up. */
const REMOVED_AT_ONCE = 8;
/** The single-instance lock folders Chromium, Chrome and Edge make beside a profile (SingletonSocket points into one). */
const LOCK_FOLDER = /^(?:org\.chromium\.Chromium|com\.google\.Chrome|com\.microsoft\.Edge)\.[A-Za-z0-9]+$/;

interface Owner {
  host: string;
  pid: number;
  /** Linux's pid namespace of the process (a container's pids are not this one's); null elsewhere. */
  ns: string | null;
}

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/** What OWNER_FILE says for this process. */
export function ownerText(): string {
  const owner: Owner = { host: os.hostname(), pid: process.pid, ns: pidNamespace() };
  return JSON.stringify(owner);
}

/** Whether process `pid` of this machine is running (a process of another user still counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A folder of this user's (not a link, on POSIX owned by this user), or null. */
async function ownFolder(at: string): Promise<{ mtimeMs: number } | null> {
  const stat = await fs.lstat(at).catch(() => null);
  if (!stat?.isDirectory()) return null;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return null;
  return stat;
}

/** The owner a profile names, or null when it names none this process can judge (absent, unreadable, of another machine or container). */
async function ownerOf(profile: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await fs.readFile(path.join(profile, OWNER_FILE), 'utf8')) as Partial<Owner>;
    const judged = owner.host === os.hostname() && owner.ns === pidNamespace();
    return judged && Number.isInteger(owner.pid) && owner.pid! > 0 ? (owner as Owner) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the browser of `profile` has ended: the process that started it
 * (their pipe ends the browser with it) is no longer running, the browser's
 * own lock (POSIX: SingletonLock, `host-pid`) names no running process, and
 * nothing has touched the profile for a minute.
 */
async function ended(profile: string, now: number): Promise<boolean> {
  const folder = await ownFolder(profile);
  const owner = folder ? await ownerOf(profile) : null;
  if (!folder || !owner || running(owner.pid) || now - folder.mtimeMs <= QUIET_FOR_MS) return false;
  if (process.platform === 'win32') return true;
  try {
    const lock = await fs.readlink(path.join(profile, 'SingletonLock'));
    const at = lock.lastIndexOf('-');
    const pid = Number(lock.slice(at + 1));
    return lock.slice(0, at) === os.hostname() && Number.isInteger(pid) && pid > 0 && !running(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Chromium's single-instance lock folder for `profile`, beside it in the
 * temporary folder (its SingletonSocket links into it; Chromium removes it
 * when it quits, not when it is killed): only when it is named as Chromium,
 * Chrome and Edge name them, is this user's own folder, and sits in the
 * profile's own folder (compared by real path: macOS's /var is /private/var).
 * Null otherwise, or without one (Windows).
 */
export function chromiumLockFolder(profile: string): string | null {
  try {
    const socket = readlinkSync(path.join(profile, 'SingletonSocket'));
    const lock = path.dirname(socket);
    if (!path.isAbsolute(socket) || !LOCK_FOLDER.test(path.basename(lock))) return null;
    const stat = lstatSync(lock);
    if (!stat.isDirectory() || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) return null;
    return realpathSync(path.dirname(lock)) === realpathSync(path.dirname(profile)) ? lock : null;
  } catch {
    return null;
  }
}

/** Removes a profile with its owner file last, so a removal cut short is still known for abandoned next time. */
async function removeProfile(profile: string): Promise<void> {
  for (const entry of await fs.readdir(profile)) {
    if (entry !== OWNER_FILE) await fs.rm(path.join(profile, entry), { recursive: true, force: true });
  }
  await fs.rm(path.join(profile, OWNER_FILE), { force: true });
  await fs.rmdir(profile);
}

/**
 * Removes the printing profiles in `dir` (the temporary folder) whose browser
 * has ended, each with its lock folder; `keep` is the profile just made for
 * this process. Never fails: a profile it cannot judge, read or remove is left.
 */
export async function removeAbandonedProfiles(dir: string, keep: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.startsWith(PROFILE_PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (removed.length === REMOVED_AT_ONCE) break;
    const profile = path.join(dir, name);
    if (profile === keep) continue;
    try {
      if (!(await ended(profile, now))) continue;
      const lock = chromiumLockFolder(profile);
      if (lock) await fs.rm(lock, { recursive: true, force: true });
      await removeProfile(profile);
      removed.push(name);
    } catch {
      // Left for another time.
    }
  }
  return removed;
}
