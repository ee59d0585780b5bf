/** The `renkei` command line from dist/, on real database files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../support/serve';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function workDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renkei-cli-'));
  dirs.push(dir);
  return dir;
}

function renkei(dir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RENKEI_USER_DATA: path.join(dir, 'user-data') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('renkei CLI', () => {
  it('creates a database with the demo settings and prints the audit log', () => {
    const dir = workDir();
    const db = path.join(dir, 'demo.sqlite');
    const init = renkei(dir, 'init', '--db', db, '--demo');
    expect(init.code).toBe(0);
    expect(init.out).toContain(`データベースを用意しました: ${db}`);
    const audit = renkei(dir, 'audit', '--db', db, '--json');
    expect(audit.code).toBe(0);
    const log = JSON.parse(audit.out);
    expect(log.entries.find((e: { operation: string }) => e.operation === 'settings.update').after.organization).toContain('新潟県');
  });

  it('uses renkei.sqlite in the user-data folder when no --db is given', () => {
    const dir = workDir();
    expect(renkei(dir, 'init').code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'user-data', 'renkei.sqlite'))).toBe(true);
  });

  it('backs up, lists and restores', () => {
    const dir = workDir();
    const db = path.join(dir, 'b.sqlite');
    renkei(dir, 'init', '--db', db);
    const backup = renkei(dir, 'backup', '--db', db);
    expect(backup.code).toBe(0);
    const name = /(\d{8}T\d{9}Z-manual\.sqlite)/.exec(backup.out)![1]!;
    expect(renkei(dir, 'backup', '--db', db, '--list').out).toContain(name);
    const restore = renkei(dir, 'restore', '--db', db, name);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain(`${name} から復元しました`);
    expect(renkei(dir, 'migrate', '--db', db).out).toContain('最新の形式です');
  });

  it('answers --help for every command', () => {
    const dir = workDir();
    for (const command of ['init', 'migrate', 'backup', 'restore', 'audit', 'serve']) {
      const help = renkei(dir, command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.out, command).toContain(`使い方: renkei ${command}`);
    }
    expect(renkei(dir, '--help').out).toContain('コマンド:');
  });

  it('reports errors on stderr in Japanese with a non-zero exit', () => {
    const dir = workDir();
    const db = path.join(dir, 'e.sqlite');
    const unknown = renkei(dir, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('「frobnicate」というコマンドはありません');
    const badOption = renkei(dir, 'audit', '--db', db, '--colour');
    expect(badOption.code).toBe(1);
    expect(badOption.err).toContain('オプションが正しくありません');
    const badDate = renkei(dir, 'audit', '--db', db, '--from', '2025-02-30');
    expect(badDate.code).toBe(1);
    expect(badDate.err).toContain('開始日: 存在しない日付です');
    const missing = renkei(dir, 'restore', '--db', db, 'no-such-backup.sqlite');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('バックアップ「no-such-backup.sqlite」はありません');
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), 'x'.repeat(4096));
    const junk = renkei(dir, 'migrate', '--db', path.join(dir, 'junk.sqlite'));
    expect(junk.code).toBe(1);
    expect(junk.err).toContain('Renkei のデータベースではないか、壊れています');
  });
});
