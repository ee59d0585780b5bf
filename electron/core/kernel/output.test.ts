/**
 * Writing files and folders whole: the temporary names are Renkei's own, so a
 * user's file or folder named like one (「提出資料.partial」) is never written
 * over or deleted, and what a killed process left is cleared only when it is
 * recognisably ours and stale.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '@tests/support/tmp';
import { renameSettled, writeFileAtomic, writeFolderAtomic } from './output';

const files = [
  { fileName: '提出資料.pdf', bytes: Buffer.from('%PDF') },
  { fileName: 'manifest.json', bytes: Buffer.from('{}') },
];

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

function staging(parent: string, name: string, marker: object | null): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, '提出資料.pdf'), 'half');
  if (marker) fs.writeFileSync(path.join(dir, '.renkei-partial'), JSON.stringify(marker));
  return dir;
}

describe('writing a folder whole', () => {
  it("leaves a user's folder named like the old temporary one alone", async () => {
    const parent = tempDir();
    const victim = path.join(parent, 'victim.partial');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, '大事なメモ.txt'), '消さないで');
    await writeFolderAtomic(path.join(parent, 'victim'), files);
    expect(fs.readFileSync(path.join(victim, '大事なメモ.txt'), 'utf8')).toBe('消さないで');
    expect(fs.readdirSync(path.join(parent, 'victim')).sort()).toEqual(['manifest.json', '提出資料.pdf']);
    expect(fs.readdirSync(parent).sort()).toEqual(['victim', 'victim.partial']);
  });

  it('removes only its own stale staging folders: marked, and their process gone', async () => {
    const parent = tempDir();
    const now = new Date().toISOString();
    const stale = staging(parent, '.pack.renkei-partial-folder-1-aaaaaaaaaaaa', { pid: deadPid(), startedAt: now });
    const running = staging(parent, '.pack.renkei-partial-folder-2-bbbbbbbbbbbb', { pid: process.pid, startedAt: now });
    const unmarked = staging(parent, '.pack.renkei-partial-folder-3-cccccccccccc', null);
    const otherTarget = staging(parent, '.other.renkei-partial-folder-4-dddddddddddd', { pid: deadPid(), startedAt: now });
    await writeFolderAtomic(path.join(parent, 'pack'), files);
    expect([stale, running, unmarked, otherTarget].map((dir) => fs.existsSync(dir))).toEqual([false, true, true, true]);
  });

  it('leaves nothing of its own behind when a write fails', async () => {
    const parent = tempDir();
    fs.mkdirSync(path.join(parent, 'victim.partial'));
    const twice = [files[0]!, files[0]!];
    await expect(writeFolderAtomic(path.join(parent, 'victim'), twice)).rejects.toThrow(/書き出せません/);
    expect(fs.readdirSync(parent)).toEqual(['victim.partial']);
  });
});

describe('writing a file whole', () => {
  it("never writes through or deletes a user's file named like the old temporary one", async () => {
    const parent = tempDir();
    fs.writeFileSync(path.join(parent, '帳票.pdf.partial'), '元の内容');
    await writeFileAtomic(path.join(parent, '帳票.pdf'), 'new');
    expect(fs.readFileSync(path.join(parent, '帳票.pdf.partial'), 'utf8')).toBe('元の内容');
    expect(fs.readFileSync(path.join(parent, '帳票.pdf'), 'utf8')).toBe('new');
    await expect(writeFileAtomic(path.join(parent, 'missing', 'x.pdf'), 'x')).rejects.toThrow(/書き出せません/);
    expect(fs.readdirSync(parent).sort()).toEqual(['帳票.pdf', '帳票.pdf.partial']);
  });
});

describe('renameSettled', () => {
  /** A rename as Windows gives it while an antivirus scans the file just written: refused `times` times, then done. */
  function heldFor(times: number, code = 'EPERM') {
    let calls = 0;
    const rename = async (from: string, to: string) => {
      calls += 1;
      if (calls <= times) throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
      fs.renameSync(from, to);
    };
    return { rename, calls: () => calls };
  }
  const noWait = async () => undefined;

  it('puts a backup in place on Windows once the antivirus lets go of it, waiting a little longer each time', async () => {
    const dir = tempDir();
    const from = path.join(dir, '.20261206T031116844Z-manual.sqlite.partial');
    const to = path.join(dir, '20261206T031116844Z-manual.sqlite');
    fs.writeFileSync(from, 'backup');
    const waits: number[] = [];
    const held = heldFor(3);
    await renameSettled(from, to, { platform: 'win32', rename: held.rename, sleep: async (ms) => void waits.push(ms) });
    expect(fs.readFileSync(to, 'utf8')).toBe('backup');
    expect(fs.existsSync(from)).toBe(false);
    expect(held.calls()).toBe(4);
    expect(waits).toEqual([50, 100, 200]);
    for (const code of ['EACCES', 'EBUSY']) {
      fs.writeFileSync(from, code);
      await renameSettled(from, to, { platform: 'win32', rename: heldFor(1, code).rename, sleep: noWait });
      expect(fs.readFileSync(to, 'utf8')).toBe(code);
    }
  });

  it('lets the core answer other operations while it waits for a held file', async () => {
    const dir = tempDir();
    const from = path.join(dir, '.帳票.xlsx.partial');
    fs.writeFileSync(from, 'xlsx');
    const other = new Promise<string>((resolve) => setTimeout(() => resolve('another operation answered'), 10));
    const renamed = renameSettled(from, path.join(dir, '帳票.xlsx'), { platform: 'win32', rename: heldFor(3).rename });
    expect(await Promise.race([Promise.resolve(renamed).then(() => 'renamed'), other])).toBe('another operation answered');
    await renamed;
    expect(fs.readFileSync(path.join(dir, '帳票.xlsx'), 'utf8')).toBe('xlsx');
  });

  it('gives up after the 2–3 seconds a scan takes on Windows, at once elsewhere, and at once for other errors', async () => {
    const waits: number[] = [];
    const always = heldFor(Number.POSITIVE_INFINITY);
    await expect(
      renameSettled('a', 'b', { platform: 'win32', rename: always.rename, sleep: async (ms) => void waits.push(ms) }),
    ).rejects.toThrow(/EPERM/);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2_000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3_000);
    const linux = heldFor(Number.POSITIVE_INFINITY);
    await expect(renameSettled('a', 'b', { platform: 'linux', rename: linux.rename, sleep: noWait })).rejects.toThrow(/EPERM/);
    expect(linux.calls()).toBe(1);
    const missing = heldFor(Number.POSITIVE_INFINITY, 'ENOENT');
    await expect(renameSettled('a', 'b', { platform: 'win32', rename: missing.rename, sleep: noWait })).rejects.toThrow(/ENOENT/);
    expect(missing.calls()).toBe(1);
  });

  it('says an export over a workbook still open in Excel may be open there, and leaves the workbook and no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, '補助金一覧.xlsx');
    fs.writeFileSync(file, '開いている表');
    const write = writeFileAtomic(file, 'new', { platform: 'win32', rename: heldFor(Number.POSITIVE_INFINITY).rename, sleep: noWait });
    await expect(write).rejects.toThrow(
      `ファイル「${file}」に書き出せません。Excel やウイルス対策ソフトなどのほかのアプリがファイルを開いている可能性があります。そのアプリを閉じるか、しばらく待ってから、もう一度お試しください。`,
    );
    expect(fs.readdirSync(dir)).toEqual(['補助金一覧.xlsx']);
    expect(fs.readFileSync(file, 'utf8')).toBe('開いている表');
  });
});
