/**
 * Whether a database file sits on a network share. SQLite's WAL mode needs
 * shared memory that only works on one machine, so on a share Renkei uses the
 * rollback journal (`journal_mode=DELETE`), which SQLite documents as the safe
 * choice there. The decision is a pure function over facts the shell gathers.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What the operating system tells about the folder holding the database. */
export interface LocationFacts {
  platform: NodeJS.Platform;
  /** The path as the user gave it (absolute). */
  path: string;
  /** Windows: the folder's final path (`fs.realpathSync.native`), which names a mapped network drive by its `\\server\share`. */
  finalPath?: string;
  /** Linux: the `f_type` magic number of the file system (`fs.statfsSync(dir).type`). */
  fsType?: number;
}

/** Linux file system magic numbers (linux/magic.h and the file systems' own headers) of network file systems. */
export const NETWORK_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x6969, 'nfs'],
  [0x517b, 'smb'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x564c, 'ncp'],
  [0x5346414f, 'afs'],
  [0x6b414653, 'kafs'],
  [0x73757245, 'coda'],
  [0x00c36400, 'ceph'],
  [0x01021997, '9p'],
  [0x0bd00bd0, 'lustre'],
  [0x01161970, 'gfs2'],
  [0x7461636f, 'ocfs2'],
]);

/** `\\server\share\…` or `//server/share/…`, including the long form `\\?\UNC\server\share\…`; not `\\?\C:\…` nor `\\.\` devices. */
export function isUncPath(p: string): boolean {
  const slashed = p.replace(/\//g, '\\');
  if (/^\\\\\?\\UNC\\/i.test(slashed)) return true;
  if (/^\\\\[?.]\\/.test(slashed)) return false;
  return /^\\\\[^\\]+\\[^\\]+/.test(slashed);
}

/**
 * True when the facts say the database is on another machine.
 *
 * @example isNetworkLocation({ platform: 'win32', path: 'Z:\\renkei.sqlite', finalPath: '\\\\fs01\\kenko' }) // true
 */
export function isNetworkLocation(facts: LocationFacts): boolean {
  if (facts.platform === 'win32') return isUncPath(facts.path) || (facts.finalPath !== undefined && isUncPath(facts.finalPath));
  if (isUncPath(facts.path)) return true;
  return facts.fsType !== undefined && NETWORK_FS_TYPES.has(facts.fsType >>> 0);
}

/** Gathers the facts for the folder holding `file` (which must exist); a fact the OS will not give is left out. */
export function locationFacts(file: string): LocationFacts {
  const dir = path.dirname(path.resolve(file));
  const facts: LocationFacts = { platform: process.platform, path: path.resolve(file) };
  try {
    if (process.platform === 'win32') facts.finalPath = fs.realpathSync.native(dir);
    else if (process.platform === 'linux') facts.fsType = Number(fs.statfsSync(dir).type);
  } catch {
    // Without the fact the path alone decides; a local disk is the usual case.
  }
  return facts;
}
