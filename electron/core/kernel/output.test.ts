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
import { writeFileAtomic, writeFolderAtomic } from './output';

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
  it("leaves a user's folder named like the old temporary one alone", () => {
    const parent = tempDir();
    const victim = path.join(parent, 'victim.partial');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, '大事なメモ.txt'), '消さないで');
    writeFolderAtomic(path.join(parent, 'victim'), files);
    expect(fs.readFileSync(path.join(victim, '大事なメモ.txt'), 'utf8')).toBe('消さないで');
    expect(fs.readdirSync(path.join(parent, 'victim')).sort()).toEqual(['manifest.json', '提出資料.pdf']);
    expect(fs.readdirSync(parent).sort()).toEqual(['victim', 'victim.partial']);
  });

  it('removes only its own stale staging folders: marked, and their process gone', () => {
    const parent = tempDir();
    const now = new Date().toISOString();
    const stale = staging(parent, '.pack.renkei-partial-folder-1-aaaaaaaaaaaa', { pid: deadPid(), startedAt: now });
    const running = staging(parent, '.pack.renkei-partial-folder-2-bbbbbbbbbbbb', { pid: process.pid, startedAt: now });
    const unmarked = staging(parent, '.pack.renkei-partial-folder-3-cccccccccccc', null);
    const otherTarget = staging(parent, '.other.renkei-partial-folder-4-dddddddddddd', { pid: deadPid(), startedAt: now });
    writeFolderAtomic(path.join(parent, 'pack'), files);
    expect([stale, running, unmarked, otherTarget].map((dir) => fs.existsSync(dir))).toEqual([false, true, true, true]);
  });

  it('leaves nothing of its own behind when a write fails', () => {
    const parent = tempDir();
    fs.mkdirSync(path.join(parent, 'victim.partial'));
    const twice = [files[0]!, files[0]!];
    expect(() => writeFolderAtomic(path.join(parent, 'victim'), twice)).toThrow(/書き出せません/);
    expect(fs.readdirSync(parent)).toEqual(['victim.partial']);
  });
});

describe('writing a file whole', () => {
  it("never writes through or deletes a user's file named like the old temporary one", () => {
    const parent = tempDir();
    fs.writeFileSync(path.join(parent, '帳票.pdf.partial'), '元の内容');
    writeFileAtomic(path.join(parent, '帳票.pdf'), 'new');
    expect(fs.readFileSync(path.join(parent, '帳票.pdf.partial'), 'utf8')).toBe('元の内容');
    expect(fs.readFileSync(path.join(parent, '帳票.pdf'), 'utf8')).toBe('new');
    expect(() => writeFileAtomic(path.join(parent, 'missing', 'x.pdf'), 'x')).toThrow(/書き出せません/);
    expect(fs.readdirSync(parent).sort()).toEqual(['帳票.pdf', '帳票.pdf.partial']);
  });
});
