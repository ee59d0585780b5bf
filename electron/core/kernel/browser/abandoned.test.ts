import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { OWNER_FILE, ownerText, PROFILE_PREFIX, removeAbandonedProfiles } from './abandoned';

/** A process id that has ended (a child that ran and exited). */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid;

function profile(dir: string, name: string, files: { owner?: string; lock?: string; socketDir?: string; ageMs?: number } = {}): string {
  const at = path.join(dir, `${PROFILE_PREFIX}${name}`);
  fs.mkdirSync(path.join(at, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(at, 'Default', 'Preferences'), '{}');
  if (files.owner !== undefined) fs.writeFileSync(path.join(at, OWNER_FILE), files.owner);
  if (files.lock !== undefined) fs.symlinkSync(files.lock, path.join(at, 'SingletonLock'));
  if (files.socketDir !== undefined) {
    fs.mkdirSync(files.socketDir, { recursive: true });
    fs.symlinkSync(path.join(files.socketDir, 'SingletonSocket'), path.join(at, 'SingletonSocket'));
  }
  if (files.ageMs !== undefined) {
    const then = new Date(Date.now() - files.ageMs);
    fs.utimesSync(at, then, then);
  }
  return at;
}

describe('printing profiles left behind', () => {
  const minutesAgo = 5 * 60_000;

  it('removes those whose starting process has ended, and keeps the running ones’, other machines’ and its own', async () => {
    const dir = tempDir();
    const host = os.hostname();
    profile(dir, 'ended', { owner: `${host}\n${endedPid()}`, ageMs: minutesAgo });
    // Its owner ended a moment ago: its browser may still be quitting.
    profile(dir, 'just-ended', { owner: `${host}\n${endedPid()}` });
    profile(dir, 'running', { owner: ownerText(), ageMs: minutesAgo });
    profile(dir, 'elsewhere', { owner: `another-pc\n${endedPid()}`, ageMs: minutesAgo });
    const own = profile(dir, 'own', { owner: `${host}\n${endedPid()}`, ageMs: minutesAgo });
    fs.mkdirSync(path.join(dir, 'unrelated'));
    expect(await removeAbandonedProfiles(dir, own)).toEqual([`${PROFILE_PREFIX}ended`]);
    expect(fs.readdirSync(dir).sort()).toEqual(
      ['elsewhere', 'just-ended', 'own', 'running'].map((name) => `${PROFILE_PREFIX}${name}`).concat('unrelated'),
    );
  });

  it.skipIf(process.platform === 'win32')(
    'tells by its browser’s lock too, removing the lock’s folder with the profile; one with neither only once it is old',
    async () => {
      const dir = tempDir();
      const host = os.hostname();
      const socketDir = path.join(dir, 'org.chromium.Chromium.abc123');
      profile(dir, 'locked-ended', { lock: `${host}-${endedPid()}`, socketDir });
      profile(dir, 'locked-running', { lock: `${host}-${process.pid}` });
      // Its owner ended, but its browser still runs.
      profile(dir, 'owner-ended-browser-running', { owner: `${host}\n${endedPid()}`, lock: `${host}-${process.pid}`, ageMs: minutesAgo });
      profile(dir, 'unlocked-new');
      profile(dir, 'unlocked-old', { ageMs: 60 * 60_000 });
      expect((await removeAbandonedProfiles(dir, '')).sort()).toEqual([`${PROFILE_PREFIX}locked-ended`, `${PROFILE_PREFIX}unlocked-old`]);
      expect(fs.readdirSync(dir).sort()).toEqual(
        ['locked-running', 'owner-ended-browser-running', 'unlocked-new'].map((name) => `${PROFILE_PREFIX}${name}`),
      );
    },
  );

  it('finds nothing to do in a folder it cannot read', async () => {
    expect(await removeAbandonedProfiles(path.join(tempDir(), 'missing'), '')).toEqual([]);
  });
});
