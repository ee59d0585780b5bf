/**
 * Printing profiles left behind: each printing Chromium runs on a profile of
 * its own in the temporary folder (`renkei-print-*`, ~6 MB), removed when it
 * ends — unless the process that started it was killed outright (SIGKILL, the
 * task manager's 終了, a power cut), when nobody is left to remove it. A later
 * print removes those whose browser is gone, in the background.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const PROFILE_PREFIX = 'renkei-print-';

/** How old a profile without a lock must be to count as abandoned, not as one whose browser is still starting. */
const UNLOCKED_FOR_MS = 10 * 60_000;
/** How long a profile whose owner ended must have been left alone: its browser quits a moment after its owner. */
const QUIET_FOR_MS = 60_000;

/** Whether process `pid` of this machine is running (a process of another user still counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The file in a profile naming the process that started its browser (`host` and `pid` on two lines). */
export const OWNER_FILE = 'renkei-owner';

/** What OWNER_FILE says for this process. */
export function ownerText(): string {
  return `${os.hostname()}\n${process.pid}`;
}

/** The pid a POSIX profile's SingletonLock names (`host-pid`), if it names one of this machine; null without a lock. */
async function lockPid(profile: string): Promise<number | null | 'other'> {
  try {
    const lock = await fs.readlink(path.join(profile, 'SingletonLock'));
    const at = lock.lastIndexOf('-');
    const pid = Number(lock.slice(at + 1));
    return lock.slice(0, at) === os.hostname() && Number.isInteger(pid) && pid > 0 ? pid : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'other';
  }
}

/**
 * Whether the browser of `profile` has ended. Its browser ends with the
 * process that started it (their pipe closes), so a profile whose owner
 * (OWNER_FILE) is no longer running is abandoned — once its browser's own
 * lock (POSIX) names no running process either, and nothing has touched it
 * for a minute (a browser whose owner was killed takes a moment to notice and
 * quit). A profile made before there was an owner file: on POSIX, by its
 * browser's lock, or, with none, once it is old; on Windows it is left (a
 * running browser's files cannot be told apart safely).
 */
async function ended(profile: string, now: number): Promise<boolean> {
  const { mtimeMs } = await fs.stat(profile);
  const owner = await fs.readFile(path.join(profile, OWNER_FILE), 'utf8').catch(() => null);
  const lock = process.platform === 'win32' ? null : await lockPid(profile);
  if (lock === 'other' || (typeof lock === 'number' && running(lock))) return false;
  if (owner !== null) {
    const [host, pid] = owner.split('\n');
    const ownerEnded = host === os.hostname() && Number.isInteger(Number(pid)) && Number(pid) > 0 && !running(Number(pid));
    return ownerEnded && now - mtimeMs > QUIET_FOR_MS;
  }
  if (process.platform === 'win32') return false;
  return lock !== null || now - mtimeMs > UNLOCKED_FOR_MS;
}

/**
 * Removes the printing profiles in `dir` (the temporary folder) whose browser
 * has ended, and on POSIX the lock folder each one's SingletonSocket points
 * to. `keep` is the profile just made for this process. Never fails: a
 * profile it cannot read or remove is left for another time.
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
    const profile = path.join(dir, name);
    if (profile === keep) continue;
    try {
      if (!(await ended(profile, now))) continue;
      const socket = await fs.readlink(path.join(profile, 'SingletonSocket')).catch(() => null);
      const lock = socket === null ? null : path.dirname(socket);
      // Only a folder of the same temporary folder as the profile.
      if (lock && path.isAbsolute(lock) && path.dirname(lock) === dir) await fs.rm(lock, { recursive: true, force: true });
      await fs.rm(profile, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Left for another time.
    }
  }
  return removed;
}
