import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { OWNER_FILE, ownerText, PROFILE_PREFIX, removeAbandonedProfiles } from './abandoned';

/** A process id that has ended (a child that ran and exited). */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid;
/** This process's owner file with another pid (or host, or namespace). */
const ownerWith = (change: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(ownerText()), ...change });
const MINUTES_AGO = 5 * 60_000;

interface Made {
  owner?: string;
  lock?: string;
  socketDir?: string;
  ageMs?: number;
}

function profile(dir: string, name: string, made: Made = {}): string {
  const at = path.join(dir, `${PROFILE_PREFIX}${name}`);
  fs.mkdirSync(path.join(at, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(at, 'Default', 'Preferences'), '{}');
  if (made.owner !== undefined) fs.writeFileSync(path.join(at, OWNER_FILE), made.owner);
  if (made.lock !== undefined) fs.symlinkSync(made.lock, path.join(at, 'SingletonLock'));
  if (made.socketDir !== undefined) {
    fs.mkdirSync(made.socketDir, { recursive: true });
    fs.writeFileSync(path.join(made.socketDir, 'SingletonCookie'), '');
    fs.symlinkSync(path.join(made.socketDir, 'SingletonSocket'), path.join(at, 'SingletonSocket'));
  }
  if (made.ageMs !== undefined) {
    const then = new Date(Date.now() - made.ageMs);
    fs.utimesSync(at, then, then);
  }
  return at;
}

const names = (dir: string) => fs.readdirSync(dir).sort();
const profiles = (...list: string[]) => list.map((name) => `${PROFILE_PREFIX}${name}`);

describe('printing profiles left behind', () => {
  it('removes those whose starting process has ended; keeps the running, the just ended, other machines’ and containers’, its own', async () => {
    const dir = tempDir();
    profile(dir, 'ended', { owner: ownerWith({ pid: endedPid() }), ageMs: MINUTES_AGO });
    // Its owner ended a moment ago: its browser may still be quitting.
    profile(dir, 'just-ended', { owner: ownerWith({ pid: endedPid() }) });
    profile(dir, 'running', { owner: ownerText(), ageMs: MINUTES_AGO });
    profile(dir, 'elsewhere', { owner: ownerWith({ host: 'another-pc', pid: endedPid() }), ageMs: MINUTES_AGO });
    // A container sharing the temporary folder counts its processes apart: its pids mean nothing here.
    profile(dir, 'container', { owner: ownerWith({ ns: 'pid:[1]', pid: endedPid() }), ageMs: MINUTES_AGO });
    // From before the owner file, or with one that cannot be read: not judged.
    profile(dir, 'no-owner', { ageMs: 60 * MINUTES_AGO });
    const unreadable = profile(dir, 'unreadable', { ageMs: MINUTES_AGO });
    fs.mkdirSync(path.join(unreadable, OWNER_FILE));
    fs.utimesSync(unreadable, new Date(Date.now() - MINUTES_AGO), new Date(Date.now() - MINUTES_AGO));
    const own = profile(dir, 'own', { owner: ownerWith({ pid: endedPid() }), ageMs: MINUTES_AGO });
    fs.mkdirSync(path.join(dir, 'unrelated'));
    expect(await removeAbandonedProfiles(dir, own)).toEqual(profiles('ended'));
    expect(names(dir)).toEqual(
      profiles('container', 'elsewhere', 'just-ended', 'no-owner', 'own', 'running', 'unreadable').concat('unrelated'),
    );
  });

  it.skipIf(process.platform === 'win32')(
    'asks the browser’s own lock too, and removes its lock folder only when it is Chromium’s and beside the profile',
    async () => {
      const dir = tempDir();
      const elsewhere = tempDir();
      const host = os.hostname();
      const gone = () => ownerWith({ pid: endedPid() });
      const lockFolder = path.join(dir, 'org.chromium.Chromium.abc123');
      profile(dir, 'both-ended', { owner: gone(), lock: `${host}-${endedPid()}`, socketDir: lockFolder, ageMs: MINUTES_AGO });
      // Its owner ended, but its browser still runs (or a browser of that name on another machine).
      profile(dir, 'browser-running', { owner: gone(), lock: `${host}-${process.pid}`, ageMs: MINUTES_AGO });
      profile(dir, 'lock-elsewhere', { owner: gone(), lock: `another-pc-${endedPid()}`, ageMs: MINUTES_AGO });
      // Lock folders not to be touched: another folder's, and one not named as Chromium names them.
      const outside = path.join(elsewhere, 'org.chromium.Chromium.def456');
      profile(dir, 'socket-outside', { owner: gone(), socketDir: outside, ageMs: MINUTES_AGO });
      const notChromium = path.join(dir, 'my-work');
      profile(dir, 'socket-not-chromium', { owner: gone(), socketDir: notChromium, ageMs: MINUTES_AGO });
      // A link named as a profile, to a folder that is not one.
      const target = path.join(elsewhere, 'precious');
      fs.mkdirSync(target);
      fs.symlinkSync(target, path.join(dir, `${PROFILE_PREFIX}link`));
      expect((await removeAbandonedProfiles(dir, '')).sort()).toEqual(profiles('both-ended', 'socket-not-chromium', 'socket-outside'));
      expect(names(dir)).toEqual(['my-work', ...profiles('browser-running', 'link', 'lock-elsewhere')]);
      expect(fs.existsSync(outside) && fs.existsSync(target)).toBe(true);
    },
  );

  it('finds nothing to do in a folder it cannot read', async () => {
    expect(await removeAbandonedProfiles(path.join(tempDir(), 'missing'), '')).toEqual([]);
  });
});
