import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keepingStatements } from './dialect';

describe('keepingStatements', () => {
  it('prepares a query once and answers it again with the current rows and parameters', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)');
    const db = keepingStatements(raw);
    const insert = db.prepare('INSERT INTO t (name) VALUES (?)');
    insert.run(['しばた']);
    expect(db.prepare('INSERT INTO t (name) VALUES (?)')).toBe(insert);
    db.prepare('INSERT INTO t (name) VALUES (?)').run(['佐渡']);
    const select = db.prepare('SELECT name FROM t WHERE id >= ? ORDER BY id');
    expect(select.all([1])).toEqual([{ name: 'しばた' }, { name: '佐渡' }]);
    expect(db.prepare('SELECT name FROM t WHERE id >= ? ORDER BY id').all([2])).toEqual([{ name: '佐渡' }]);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('gives a query its own statement while the kept one is still being read', () => {
    const raw = new BetterSqlite3(':memory:');
    raw.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    const db = keepingStatements(raw);
    const sql = 'SELECT n FROM t ORDER BY n';
    const reading = db.prepare(sql).iterate([]);
    expect(reading.next().value).toEqual({ n: 1 });
    const other = db.prepare(sql);
    expect(other.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...reading]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('forgets the least recently used statement past its limit', () => {
    const raw = new BetterSqlite3(':memory:');
    const db = keepingStatements(raw, 2);
    const a = db.prepare('SELECT 1');
    const b = db.prepare('SELECT 2');
    expect(db.prepare('SELECT 1')).toBe(a);
    db.prepare('SELECT 3');
    expect(db.prepare('SELECT 1')).toBe(a);
    expect(db.prepare('SELECT 2')).not.toBe(b);
  });
});
