/**
 * The change journal: the database itself records, row by row, what each
 * mutation changed, so any change of any domain can be reversed without
 * per-domain code. At open, connection-local (TEMP) triggers are laid on every
 * application table; they write only while the core has a change open, and
 * exist only in Renkei's connection, so other tools on the file are untouched.
 * An undo plays the inverse of a change's rows in reverse order as a new change,
 * so a redo is simply the undo of that undo.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { type AuditEntity, operationLabel, RenkeiError } from '@shared/contract';
import { backupLabel } from '@shared/contract/backup-reasons';
import { type ChangeSummary, NO_SHARED_UNDO, type UndoState } from '@shared/contract/history';
import { formatTimestamp } from '@shared/format';
import { entityLabel, tableLabel } from '@shared/glossary';
import { SECTIONS, tableSection } from '@shared/sections';
import type { Actor, AuditRecord } from './audit';
import { VERSION_COLUMNS } from './versions';

/** How many changes (of all users; undos not counted) keep their rows; older ones can no longer be undone. */
export const UNDO_DEPTH = 100;

/** Tables that describe changes rather than hold the user's data. */
const NOT_JOURNALED = new Set(['audit_log', 'journal_change', 'journal_row', 'kysely_migration', 'kysely_migration_lock']);
/**
 * Registers (`*_register`: the 文書番号 issued) record what has left the
 * office; an undo cannot call a sent letter back, so it never takes back a
 * number (the audit log still records each issue).
 */
export const isJournaled = (table: string) => !NOT_JOURNALED.has(table) && !table.endsWith('_register');

/** 'restore': where a restore put in a backup's data; nothing before it can be undone or redone. */
type ChangeKind = 'do' | 'undo' | 'redo' | 'restore';

interface ChangeRow {
  id: number;
  at: string;
  os_user: string;
  display_name: string;
  operation: string;
  subject: string;
  kind: ChangeKind;
  undo_of: number | null;
  origin: number | null;
  undone_by: number | null;
  audit_from: number;
  audit_to: number;
}

interface JournalRow {
  tbl: string;
  row_id: number;
  /** The last rowid of a run of rows added in bulk (bulkInserted); null for one row. */
  row_id_to: number | null;
  kind: 'insert' | 'update' | 'delete';
  old: string | null;
}

interface AuditRow {
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

interface TableShape {
  columns: string[];
  /** The INTEGER PRIMARY KEY column that is the rowid itself, if the table has one. */
  rowidAlias: string | null;
  /** Tables with a foreign key to this one. */
  referencedBy: string[];
  /** Tables whose rows this one's are parts of (deleted with them: a meeting's attendees). */
  partOf: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The journal's SQL about runs of rows added in bulk (bulkInserted, `row_id` to `row_id_to`). A journal made
 * before migration 0033 has no runs, each of its rows one row: a core opened on an older set of migrations (as
 * the upgrade tests open one) journals and reads it so.
 */
function runSql(runs: boolean) {
  /**
   * True when change `change` journaled a run of table `tbl` that begins at or before `to` and reaches `from`
   * (each a column or a parameter): found through the index of runs.
   */
  const inRun = (change: string, tbl: string, from: string, to: string) =>
    runs
      ? `EXISTS (SELECT 1 FROM journal_row AS g WHERE g.change_id = ${change} AND g.tbl = ${tbl} AND g.row_id_to IS NOT NULL AND g.row_id <= ${to} AND g.row_id_to >= ${from})`
      : 'FALSE';
  return {
    inRun,
    /**
     * True when change `change` journaled any row of table `tbl` with a rowid from `from` to `to`: a single row or
     * a run that begins there (the index on tbl, row_id), or a run that begins before and reaches there.
     */
    touches: (change: string, tbl: string, from: string, to: string) =>
      `(EXISTS (SELECT 1 FROM journal_row AS t WHERE t.tbl = ${tbl} AND t.row_id BETWEEN ${from} AND ${to} AND t.change_id = ${change})
         OR ${inRun(change, tbl, from, from)})`,
    /** A journal row's last rowid: its run's, or its own. */
    lastOf: (alias: string) => (runs ? `coalesce(${alias}.row_id_to, ${alias}.row_id)` : `${alias}.row_id`),
    /** The last rowid of a run as the queries select it (null for one row). */
    runEnd: runs ? 'row_id_to' : 'NULL AS row_id_to',
    /** Whether a journal row is a run. */
    isRun: runs ? 'row_id_to IS NOT NULL' : 'FALSE',
  };
}
const text = (value: string) => `'${value.replace(/'/g, "''")}'`;

function readShapes(raw: BetterSqlite3.Database): Map<string, TableShape> {
  const names = raw
    .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const shapes = new Map<string, TableShape>();
  for (const name of names.filter(isJournaled)) {
    const info = raw.prepare(`PRAGMA main.table_info(${quote(name)})`).all() as { name: string; type: string; pk: number }[];
    const keys = info.filter((c) => c.pk > 0);
    const alias = keys.length === 1 && keys[0]!.type.toUpperCase() === 'INTEGER' ? keys[0]!.name : null;
    shapes.set(name, { columns: info.map((c) => c.name), rowidAlias: alias, referencedBy: [], partOf: [] });
  }
  for (const [name, shape] of shapes) {
    const parents = raw.prepare(`PRAGMA main.foreign_key_list(${quote(name)})`).all() as { table: string; on_delete: string }[];
    for (const { table, on_delete } of parents) {
      shapes.get(table)?.referencedBy.push(name);
      if (on_delete === 'CASCADE' && table !== name) shape.partOf.push(table);
    }
  }
  return shapes;
}

/** The three triggers of one table: an insert keeps its rowid, an update or delete the row as it was. */
function triggerSql(table: string, { columns }: TableShape): string[] {
  const open = 'EXISTS (SELECT 1 FROM temp.journal_open)';
  const old = `json_object(${columns.map((c) => `${text(c)}, OLD.${quote(c)}`).join(', ')})`;
  const changed = columns.map((c) => `OLD.${quote(c)} IS NOT NEW.${quote(c)}`).join(' OR ');
  const write = (kind: string, rowid: string, before: string) =>
    `INSERT INTO journal_row (change_id, tbl, row_id, kind, old) SELECT change_id, ${text(table)}, ${rowid}, '${kind}', ${before} FROM temp.journal_open;`;
  const name = (kind: string) => quote(`journal_${table}_${kind}`);
  return [
    `CREATE TEMP TRIGGER ${name('insert')} AFTER INSERT ON main.${quote(table)} WHEN ${open} BEGIN ${write('insert', 'NEW.rowid', 'NULL')} END`,
    `CREATE TEMP TRIGGER ${name('update')} AFTER UPDATE ON main.${quote(table)} WHEN ${open} AND (${changed}) BEGIN ${write('update', 'NEW.rowid', old)} END`,
    `CREATE TEMP TRIGGER ${name('delete')} AFTER DELETE ON main.${quote(table)} WHEN ${open} BEGIN ${write('delete', 'OLD.rowid', old)} END`,
  ];
}

function parse(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

/** 「センター「○○」」 — the first thing a change's audit entries name. */
function describeEntry(entry: AuditRow | undefined): string {
  if (!entry) return 'データ';
  const value = (parse(entry.after_json) ?? parse(entry.before_json)) as Record<string, unknown> | null;
  const name = value && typeof value === 'object' && typeof value.name === 'string' ? value.name : null;
  return name ? `${entityLabel(entry.entity)}「${name}」` : entityLabel(entry.entity);
}

/** 「事業の保存」, 「元に戻す: 事業の保存」 — a change as the user knows it. */
function changeLabel(change: Pick<ChangeRow, 'kind' | 'subject'>): string {
  const label = operationLabel(change.subject);
  return change.kind === 'do' ? label : `${operationLabel(change.kind === 'undo' ? 'app.undo' : 'app.redo')}: ${label}`;
}

/**
 * What the kernel and app.undo / app.redo need of a change journal.
 * `begin`/`end` bracket every top-level mutation; `reverse` is what app.undo
 * and app.redo run inside theirs.
 */
export interface ChangeJournal {
  begin(operation: string, actor: Actor, at: Date): void;
  end(): void;
  /** What 元に戻す and やり直す would act on now for this user. */
  state(): UndoState;
  /** `expected`: the change the user was asked about; refused if another is the target now. */
  reverse(direction: 'undo' | 'redo', expected?: number): { target: ChangeSummary; records: AuditRecord[] };
}

/**
 * Shared mode (PostgreSQL) has no change journal yet: the triggers below are
 * SQLite's own (TEMP, connection-local). Nothing to undo is offered, and an
 * undo asked for anyway is refused, saying so.
 */
export const noJournal: ChangeJournal = {
  begin: () => undefined,
  end: () => undefined,
  state: () => ({ undo: null, redo: null }),
  reverse: () => {
    throw new RenkeiError('refused', NO_SHARED_UNDO);
  },
};

/** The SQLite journal: one per open database file. */
export class Journal implements ChangeJournal {
  private readonly shapes: Map<string, TableShape>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private current: number | null = null;
  /** Whether the journal keeps a bulk insert's rows as runs (migration 0033), and its SQL about them. */
  private readonly runs: boolean;
  private readonly q: ReturnType<typeof runSql>;
  /** How much each change touched, once counted: a change's rows never change, and the top bar asks after every save. */
  private readonly extents = new Map<number, Pick<ChangeSummary, 'records' | 'holds'>>();

  constructor(
    private readonly raw: BetterSqlite3.Database,
    /** Whose changes 元に戻す reverses: the OS user of this PC, as the audit log records them. */
    private readonly osUser: string,
    private readonly depth = UNDO_DEPTH,
  ) {
    this.shapes = readShapes(raw);
    this.runs = (raw.prepare('PRAGMA main.table_info(journal_row)').all() as { name: string }[]).some((c) => c.name === 'row_id_to');
    this.q = runSql(this.runs);
    raw.exec('CREATE TEMP TABLE IF NOT EXISTS journal_open (change_id INTEGER NOT NULL)');
  }

  /**
   * The triggers that write a change's rows, made by the connection's first change rather than as it opens: three for
   * each table took ~13 ms of every start of the host and of every command, most of which never change anything. Made
   * inside the change's transaction, they go with it if it is rolled back, so each change looks (a lookup in the
   * connection's own temporary schema) and makes them again when they are not there.
   */
  private ensureTriggers(): void {
    if (this.prepare("SELECT 1 FROM temp.sqlite_master WHERE type = 'trigger' LIMIT 1").get()) return;
    for (const [table, shape] of this.shapes) for (const statement of triggerSql(table, shape)) this.raw.exec(statement);
  }

  private prepare(source: string): BetterSqlite3.Statement {
    let statement = this.statements.get(source);
    if (!statement) {
      statement = this.raw.prepare(source);
      this.statements.set(source, statement);
    }
    return statement;
  }

  /** Opens a change for a mutation; the triggers write its rows until `end`. */
  begin(operation: string, actor: Actor, at: Date): void {
    this.ensureTriggers();
    const id = Number(
      this.prepare(
        "INSERT INTO journal_change (at, os_user, display_name, operation, subject, kind, audit_from) VALUES (?, ?, ?, ?, ?, 'do', (SELECT coalesce(max(id), 0) FROM audit_log))",
      ).run(at.toISOString(), actor.osUser, actor.displayName, operation, operation).lastInsertRowid,
    );
    this.prepare('DELETE FROM temp.journal_open').run();
    this.prepare('INSERT INTO temp.journal_open (change_id) VALUES (?)').run(id);
    this.current = id;
  }

  /**
   * Closes the change after its audit entries are written. A mutation that
   * changed no row leaves no change to undo. Changes beyond the kept number
   * lose their rows here, in the same transaction.
   */
  end(): void {
    const id = this.current!;
    this.current = null;
    this.prepare('DELETE FROM temp.journal_open').run();
    if (!this.prepare('SELECT 1 FROM journal_row WHERE change_id = ? LIMIT 1').get(id)) {
      this.prepare('DELETE FROM journal_change WHERE id = ?').run(id);
      return;
    }
    this.prepare('UPDATE journal_change SET audit_to = (SELECT coalesce(max(id), 0) FROM audit_log) WHERE id = ?').run(id);
    // Undos do not count: undoing the last N changes one by one must not push the earliest of them out.
    const oldestKept = this.prepare("SELECT id FROM journal_change WHERE kind <> 'undo' ORDER BY id DESC LIMIT 1 OFFSET ?")
      .pluck()
      .get(this.depth - 1) as number | undefined;
    if (oldestKept === undefined) return;
    this.prepare('DELETE FROM journal_row WHERE change_id < ?').run(oldestKept);
    this.prepare('DELETE FROM journal_change WHERE id < ?').run(oldestKept);
  }

  /**
   * Rows added in bulk (`insert` returns their rowids in the order it added
   * them): the insert trigger is dropped while they go in, then each run of
   * consecutive rowids is journaled as one row (`row_id` to `row_id_to`). A
   * trigger firing per row tripled the insert of the 100,000-row national
   * list; a journal row each was 6 MiB and a tenth of its commit.
   */
  bulkInserted(table: string, insert: () => number[]): number[] {
    const current = this.current;
    const shape = this.shapes.get(table);
    if (current === null || !shape) return insert();
    // Dropped, not only resting: a resting trigger still tested its condition on every row (a fifth of the insert).
    // Inside the open transaction, so a rollback brings it back too.
    this.raw.exec(`DROP TRIGGER temp.${quote(`journal_${table}_insert`)}`);
    let ids: number[];
    try {
      ids = insert();
    } finally {
      this.raw.exec(triggerSql(table, shape)[0]!);
    }
    const record = this.runs
      ? this.prepare("INSERT INTO journal_row (change_id, tbl, row_id, row_id_to, kind, old) VALUES (?, ?, ?, ?, 'insert', NULL)")
      : this.prepare(
          `INSERT INTO journal_row (change_id, tbl, row_id, kind, old) SELECT ?, ?, rowid, 'insert', NULL FROM main.${quote(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`,
        );
    for (let i = 0; i < ids.length; ) {
      let j = i;
      while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j += 1;
      if (this.runs) record.run(current, table, ids[i], j > i ? ids[j] : null);
      else record.run(current, table, ids[i], ids[j]);
      i = j + 1;
    }
    return ids;
  }

  /** What 元に戻す and やり直す would act on now for this user. */
  state(): UndoState {
    const undo = this.undoTarget(this.osUser);
    const redo = this.redoTarget(this.osUser);
    const stoppedByRestore = undo ? undefined : this.restoreStop();
    return {
      undo: undo ? this.summary(undo) : null,
      redo: redo ? this.summary(redo) : null,
      ...(stoppedByRestore && { stoppedByRestore }),
    };
  }

  /**
   * A change as the buttons name it, with how much it touched, in records as the officer counts them: each row
   * once, and the parts of a record the change touched (a meeting's attendees) with it, so saving one meeting is
   * one record and the demo data thousands. What they are: their kind when there is one, else the sections whose
   * screens show what the change touched, in the sidebar's order.
   */
  private summary(change: ChangeRow): ChangeSummary {
    let extent = this.extents.get(change.id);
    if (!extent) {
      // Each row once: a run counts its rows, a single row not when a run of the same change holds it.
      const touched = this.prepare(
        `SELECT tbl, sum(n) AS n FROM (
           SELECT tbl, count(DISTINCT row_id) AS n FROM journal_row AS r WHERE change_id = :id AND NOT ${this.q.isRun}
             AND NOT ${this.q.inRun(':id', 'r.tbl', 'r.row_id', 'r.row_id')}
           GROUP BY tbl
           UNION ALL
           SELECT tbl, sum(${this.q.lastOf('r')} - row_id + 1) FROM journal_row AS r WHERE change_id = :id AND ${this.q.isRun} GROUP BY tbl
         ) GROUP BY tbl`,
      ).all({ id: change.id }) as { tbl: string; n: number }[];
      const names = new Set(touched.map((t) => t.tbl));
      const records = touched.filter((t) => !this.shapes.get(t.tbl)?.partOf.some((whole) => names.has(whole)));
      const sections = new Set(touched.map((t) => tableSection(t.tbl)));
      extent = {
        records: records.reduce((sum, t) => sum + t.n, 0),
        holds: records.length === 1 ? [tableLabel(records[0]!.tbl)] : SECTIONS.filter((s) => sections.has(s.id)).map((s) => s.label),
      };
      // Only the few changes the buttons can name are ever asked about.
      if (this.extents.size >= 16) this.extents.clear();
      this.extents.set(change.id, extent);
    }
    return { id: change.id, operation: change.subject, label: operationLabel(change.subject), at: change.at, ...extent };
  }

  /** The latest restore's change: nothing before it is undone or redone (its backup holds the state before). */
  private restore(): ChangeRow | undefined {
    return this.prepare("SELECT * FROM journal_change WHERE kind = 'restore' ORDER BY id DESC LIMIT 1").get() as ChangeRow | undefined;
  }

  // Both leave out the change now open: an undo in progress is not its own target.
  private undoTarget(osUser: string): ChangeRow | undefined {
    return this.prepare(
      `SELECT * FROM journal_change WHERE os_user = ? AND kind IN ('do', 'redo') AND undone_by IS NULL AND id <> ?
         AND id > (SELECT coalesce(max(id), 0) FROM journal_change WHERE kind = 'restore')
       ORDER BY id DESC LIMIT 1`,
    ).get(osUser, this.current ?? 0) as ChangeRow | undefined;
  }

  /** The latest undo not yet redone, unless the user has made a new change since (as in every editor). */
  private redoTarget(osUser: string): ChangeRow | undefined {
    return this.prepare(
      `SELECT * FROM journal_change AS u WHERE os_user = :user AND kind = 'undo' AND undone_by IS NULL
         AND NOT EXISTS (SELECT 1 FROM journal_change AS d WHERE d.os_user = u.os_user AND d.kind = 'do' AND d.id > u.id AND d.id <> :open)
         AND id > (SELECT coalesce(max(id), 0) FROM journal_change WHERE kind = 'restore')
       ORDER BY id DESC LIMIT 1`,
    ).get({ user: osUser, open: this.current ?? 0 }) as ChangeRow | undefined;
  }

  /**
   * Marks a restore, in the transaction that audits it (the restore's own entry, just written, names both
   * backups): the history stops here. The restore emptied the journal with the rest of the data (backup/restore.ts).
   */
  restored(actor: Actor, at: Date): void {
    this.prepare(
      `INSERT INTO journal_change (at, os_user, display_name, operation, subject, kind, audit_from, audit_to)
       SELECT ?, ?, ?, 'backup.restore', 'backup.restore', 'restore', coalesce(max(id), 0) - 1, coalesce(max(id), 0) FROM audit_log`,
    ).run(at.toISOString(), actor.osUser, actor.displayName);
  }

  /** Why there is nothing to undo: a restore says when it was, and which backup holds what it replaced. */
  private nothingToUndo(): string {
    return this.restoreStop() ?? '元に戻せる変更がありません（元に戻せるのは、この PC の利用者による最近の変更です）。';
  }

  /** The restore that stops 元に戻す, said as its refusal says it; undefined when no restore is the reason. */
  private restoreStop(): string | undefined {
    const restore = this.restore();
    const entry = restore && this.firstAuditEntry(restore);
    const after = entry && (parse(entry.after_json) as { backup?: unknown } | null);
    if (typeof after?.backup !== 'string') return undefined;
    return (
      `元に戻せる変更がありません。${formatTimestamp(restore!.at)} にバックアップから復元したため、それより前の変更は元に戻せません。` +
      `復元する前の状態に戻すには、設定 › バックアップから復元 で${backupLabel(after.backup)}を復元してください。`
    );
  }

  /**
   * Reverses this user's latest change (undo) or latest undo (redo) inside
   * the open change, and returns the audit entries to record: the reversed
   * change's own entries with before and after swapped.
   */
  reverse(direction: 'undo' | 'redo', expected?: number): { target: ChangeSummary; records: AuditRecord[] } {
    const current = this.current;
    if (current === null) throw new Error('reverse() runs only inside a mutation');
    const target = direction === 'undo' ? this.undoTarget(this.osUser) : this.redoTarget(this.osUser);
    if (!target) throw new RenkeiError('refused', direction === 'undo' ? this.nothingToUndo() : 'やり直せる変更がありません。');
    const label = changeLabel(target);
    if (expected !== undefined && target.id !== expected) {
      const verb = direction === 'undo' ? '元に戻す' : 'やり直す';
      // Named as the buttons and the question named it (「やり直す: 圏域の保存」), not as the journal knows it.
      throw new RenkeiError(
        'conflict',
        `${verb}変更が、確かめている間に「${operationLabel(target.subject)}」に変わりました。何も${verb === '元に戻す' ? '元に戻していません' : 'やり直していません'}。もう一度 ${verb} を押してください。`,
      );
    }
    const refuse = (later: ChangeRow | undefined, fallback: string): never => {
      const verb = direction === 'undo' ? '元に戻せません' : 'やり直せません';
      const why = later
        ? `その後、${later.display_name || later.os_user} さんが ${formatTimestamp(later.at)} に「${changeLabel(later)}」で${describeEntry(this.firstAuditEntry(later))}を変更しています`
        : fallback;
      throw new RenkeiError('conflict', `「${label}」は${verb}。${why}。必要なら、画面で直接直してください。`);
    };

    // A later change stands in the way if its effect is still there (not undone, not itself an undo) and
    // it was first made after the target's change was: a redo of an earlier change is no obstacle.
    const conflict = this.prepare(
      `SELECT c.* FROM journal_row AS r JOIN journal_change AS c ON c.id = r.change_id
       WHERE r.change_id > :target AND c.undone_by IS NULL AND c.kind <> 'undo' AND coalesce(c.origin, c.id) > :origin
         AND ${this.q.touches(':target', 'r.tbl', 'r.row_id', this.q.lastOf('r'))}
       ORDER BY r.change_id DESC LIMIT 1`,
    ).get({ target: target.id, origin: target.origin ?? target.id }) as ChangeRow | undefined;
    if (conflict) refuse(conflict, '');

    this.raw.pragma('defer_foreign_keys = ON');
    const rows = this.prepare(`SELECT tbl, row_id, ${this.q.runEnd}, kind, old FROM journal_row WHERE change_id = ? ORDER BY id DESC`).all(
      target.id,
    ) as JournalRow[];
    for (const row of rows) {
      try {
        this.undoRow(row);
      } catch (error) {
        if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT'))
          refuse(
            this.latestToucher(row.tbl, row.row_id, row.row_id_to ?? row.row_id, target.id),
            `${tableLabel(row.tbl)}に、その後に加えられた同じ内容のデータがあります`,
          );
        throw error;
      }
    }

    // Reversing must touch only what the change touched: anything else (a row a
    // later change hung on one being removed) would be lost or left dangling.
    const stray = this.prepare(
      `SELECT tbl, row_id, ${this.q.runEnd} FROM journal_row AS r WHERE r.change_id = :current
         AND NOT ${this.q.touches(':target', 'r.tbl', 'r.row_id', this.q.lastOf('r'))} LIMIT 1`,
    ).get({ current, target: target.id }) as Pick<JournalRow, 'tbl' | 'row_id' | 'row_id_to'> | undefined;
    if (stray)
      refuse(
        this.latestToucher(stray.tbl, stray.row_id, stray.row_id_to ?? stray.row_id, target.id),
        `その後に加えられた${tableLabel(stray.tbl)}のデータが、この変更に結びついています`,
      );
    // Foreign keys are checked at commit (rows come back in any order); checked here first to say why.
    const touched = this.prepare('SELECT DISTINCT tbl FROM journal_row WHERE change_id = ?').pluck().all(current) as string[];
    const checked = new Set(touched.flatMap((t) => [t, ...(this.shapes.get(t)?.referencedBy ?? [])]));
    for (const table of checked) {
      const dangling = this.raw.prepare(`PRAGMA main.foreign_key_check(${quote(table)})`).get() as
        | { table: string; rowid: number; parent: string }
        | undefined;
      if (dangling) {
        refuse(
          this.latestToucher(dangling.table, dangling.rowid, dangling.rowid, target.id),
          `${tableLabel(dangling.table)}のデータが結びつく${tableLabel(dangling.parent)}のデータが、その後の変更で変わっています`,
        );
      }
    }

    this.prepare('UPDATE journal_change SET kind = ?, subject = ?, undo_of = ?, origin = ? WHERE id = ?').run(
      direction,
      target.subject,
      target.id,
      target.origin ?? target.id,
      current,
    );
    this.prepare('UPDATE journal_change SET undone_by = ? WHERE id = ?').run(current, target.id);
    const entries = this.prepare(
      'SELECT entity, entity_id, before_json, after_json FROM audit_log WHERE id > ? AND id <= ? ORDER BY id DESC',
    ).all(target.audit_from, target.audit_to) as AuditRow[];
    // The entries were written by the core through AuditRecord, so their entity is one of AuditEntity.
    const records = entries.map((e) => ({
      entity: e.entity as AuditEntity,
      entityId: e.entity_id,
      before: parse(e.after_json),
      after: parse(e.before_json),
    }));
    return { target: this.summary(target), records };
  }

  /**
   * An undo or redo never gives a record back an old version: that would let a screen holding the record as it
   * was at that version (before the change, or the change itself) save over what is there now. The record takes
   * a version above every one it has had: each save adds 1, so no version so far exceeds the number of changes.
   */
  private undoRow(row: JournalRow): void {
    const versions = VERSION_COLUMNS.get(row.tbl) ?? [];
    const forward = (c: string, now: string) => `max(${now}, coalesce(json_extract(:old, ${text(`$."${c}"`)}), 0), :change) + 1`;
    const shape = this.shapes.get(row.tbl);
    if (!shape) throw new RenkeiError('conflict', `「${tableLabel(row.tbl)}」の表がこのデータベースにないため、元に戻せません。`);
    const table = `main.${quote(row.tbl)}`;
    const value = (c: string) => `json_extract(:old, ${text(`$."${c}"`)})`;
    // A row journaled before an update added a column has no value for it: the column keeps what it holds now (its default, for a row put back).
    const kept = row.old === null ? new Set<string>() : new Set(Object.keys(JSON.parse(row.old) as object));
    const restored = shape.columns.filter((c) => versions.includes(c) || kept.has(c));
    if (row.kind === 'insert') {
      this.prepare(`DELETE FROM ${table} WHERE rowid BETWEEN :rowid AND :last`).run({
        rowid: row.row_id,
        last: row.row_id_to ?? row.row_id,
      });
    } else if (row.kind === 'delete') {
      const columns = restored.filter((c) => c !== shape.rowidAlias);
      const names = [shape.rowidAlias ? quote(shape.rowidAlias) : 'rowid', ...columns.map(quote)].join(', ');
      const values = columns.map((c) => (versions.includes(c) ? forward(c, '0') : value(c)));
      this.prepare(`INSERT INTO ${table} (${names}) VALUES (:rowid, ${values.join(', ')})`).run({
        rowid: row.row_id,
        old: row.old,
        ...(versions.length > 0 ? { change: this.current } : {}),
      });
    } else {
      const assignments = restored.map((c) => `${quote(c)} = ${versions.includes(c) ? forward(c, quote(c)) : value(c)}`).join(', ');
      this.prepare(`UPDATE ${table} SET ${assignments} WHERE rowid = :rowid`).run({
        rowid: row.row_id,
        old: row.old,
        ...(versions.length > 0 ? { change: this.current } : {}),
      });
    }
  }

  private firstAuditEntry(change: ChangeRow): AuditRow | undefined {
    return this.prepare(
      'SELECT entity, entity_id, before_json, after_json FROM audit_log WHERE id > ? AND id <= ? ORDER BY id LIMIT 1',
    ).get(change.audit_from, change.audit_to) as AuditRow | undefined;
  }

  /** The latest live change after `since` that touched a row from `from` to `to`, to name it in a refusal. */
  private latestToucher(table: string, from: number, to: number, since: number): ChangeRow | undefined {
    return this.prepare(
      `SELECT c.* FROM journal_change AS c
       WHERE c.id > :since AND c.kind <> 'undo' AND c.undone_by IS NULL AND c.id <> :open AND ${this.q.touches('c.id', ':tbl', ':from', ':to')}
       ORDER BY c.id DESC LIMIT 1`,
    ).get({ tbl: table, from, to, since, open: this.current }) as ChangeRow | undefined;
  }
}
