/**
 * Optimistic concurrency: a record a screen edits carries a version; a save
 * names the version the screen read, and is refused when someone saved the
 * record since — with who and when, from the audit log — instead of
 * silently writing over their change. A save without a version (the demo,
 * the CLI) is not checked but still moves it, so a screen holding the record
 * notices.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type AuditEntity, RenkeiError } from '@shared/contract';
import type { Actor } from './audit';
import { VERSIONED_TABLES as PROJECT_VERSIONED } from './db/migrations/0014-people';
import { VERSIONED_TABLES } from './db/migrations/0018-versions';
import { VERSIONED_TABLES as MORE_VERSIONED } from './db/migrations/0019-versions-more';
import { VERSIONED_TABLES as LAST_VERSIONED } from './db/migrations/0020-versions-last';
import { VERSIONED_TABLES as SURVEY_VERSIONED } from './db/migrations/0024-survey-definition-version';
import type { Trx } from './db/schema';

/** Tables with a `version` column (migrations 0014, 0018, 0019, 0020 and 0024). */
export type VersionedTable =
  | 'fundProject'
  | 'municipality'
  | 'area'
  | 'medicalAssociation'
  | 'center'
  | 'institution'
  | 'designation'
  | 'fundBudgetVersion'
  | 'fundBudgetAmount'
  | 'fundSpending'
  | 'fundYear'
  | 'subsidyRules'
  | 'surveyAnswer'
  | 'meetingBody'
  | 'meeting'
  | 'training'
  | 'deck'
  | 'fundEvaluation'
  | 'documentSeriesRegister'
  | 'prefecture'
  | 'linkageItem'
  | 'surveyDefinition';

/** The version columns by table as the database names them (`center` → `version`, `steps_version`). */
export const VERSION_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  ...[...PROJECT_VERSIONED, ...VERSIONED_TABLES, ...MORE_VERSIONED, ...LAST_VERSIONED, ...SURVEY_VERSIONED].map((t): [string, string[]] => [
    t,
    t === 'center' ? ['version', 'steps_version'] : ['version'],
  ]),
]);

export interface VersionClaim {
  table: VersionedTable;
  /** The record's key: `{ id: 3 }`, `{ code: '01100' }`, `{ versionId: 2, projectId: 5 }`. */
  key: Readonly<Record<string, string | number>>;
  /** The version column; a center's list of subsidy steps has its own (`stepsVersion`). */
  column?: 'version' | 'stepsVersion';
  /** The version the screen read; undefined = not checked. */
  expected: number | undefined;
  /** The record as the audit log names it (its entries), for who changed it and when. */
  entity: AuditEntity;
  entityId: string | number | readonly (string | number)[];
  /** What the user calls it: 基金事業「在宅医療推進事業」. */
  what: string;
  /** What a refusal says was not done: 今の入力は保存していません (a save, the default), 何も削除していません (a delete's). */
  undone?: string;
}

/** Who is saving, while a mutation runs: a refusal tells a change of their own (an undo, another window) as theirs. */
const saving = new AsyncLocalStorage<Actor>();

/** Runs a mutation's handler as `actor`'s save (the kernel does, for every mutation). */
export function savingAs<T>(actor: Actor, run: () => Promise<T>): Promise<T> {
  return saving.run(actor, run);
}

/** hh:mm of an instant in local time, with the date when it is not today. */
function when(at: string, now: Date): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? time : `${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

/**
 * Bumps the record's version, refusing when it is no longer the one the screen read. Returns the new version.
 * The bump is one UPDATE naming the version read, so two saves at once cannot both pass: on PostgreSQL the
 * second waits for the first's row lock, then finds the version moved.
 * @example await claimVersion(db, { table: 'center', key: { id }, expected: input.version, entity: 'center', entityId: id, what: `センター「${name}」` }, now)
 */
export async function claimVersion(db: Trx, claim: VersionClaim, now: Date): Promise<number> {
  const column = claim.column ?? 'version';
  // One table stands for the union: every versioned table has the key columns the caller names and the version column.
  const table = claim.table as 'center';
  const ref = db.dynamic.ref<'version'>(column);
  const keyed = <Q extends { where: (...args: never[]) => Q }>(query: Q): Q => {
    let q = query;
    for (const [name, value] of Object.entries(claim.key))
      q = (q.where as (l: unknown, op: string, r: unknown) => Q)(db.dynamic.ref(name), '=', value);
    return q;
  };
  let update = keyed(db.updateTable(table).set((eb) => ({ [column]: eb(ref, '+', 1) })));
  if (claim.expected !== undefined) update = update.where(ref, '=', claim.expected);
  const bumped = await update.returning(ref).executeTakeFirst();
  if (bumped) return Number((bumped as Record<string, number>)[column]);
  const exists = await keyed(db.selectFrom(table).select(ref)).executeTakeFirst();
  if (!exists)
    throw new RenkeiError('not_found', `${claim.what}が見つかりません（ほかの人が削除した可能性があります）。再読み込みしてください。`);
  return refuseStale(db, claim, now);
}

/**
 * Before a delete: refused like a stale save when the record changed since the screen showed it (the version it
 * sends). A delete without a version (the CLI, an import) is not checked.
 */
export async function claimDelete(db: Trx, claim: VersionClaim, now: Date): Promise<void> {
  if (claim.expected !== undefined) await claimVersion(db, { undone: '何も削除していません', ...claim }, now);
}

/**
 * The refusal of a save over a newer change, naming who made the record's latest change and when (from the audit log).
 * The latest change may be the saver's own — 元に戻す, or a save in another window —: then it is said so, not blamed on 他の人.
 */
export async function refuseStale(
  db: Trx,
  claim: Pick<VersionClaim, 'entity' | 'entityId' | 'what' | 'undone'>,
  now: Date,
): Promise<never> {
  const ids = (Array.isArray(claim.entityId) ? claim.entityId : [claim.entityId]).map(String);
  const last =
    ids.length === 0
      ? undefined
      : await db
          .selectFrom('auditLog')
          .select(['at', 'osUser', 'displayName'])
          .where('entity', '=', claim.entity)
          .where('entityId', 'in', ids)
          .orderBy('id', 'desc')
          .executeTakeFirst();
  const name = last && `（${last.displayName || last.osUser}）が ${when(last.at, now)} に`;
  const who = !last
    ? '他の人が'
    : last.osUser === saving.getStore()?.osUser
      ? `この画面を開いたあとに、元に戻す操作または別の画面で、あなた${name}`
      : `他の人${name}`;
  throw new RenkeiError(
    'conflict',
    `${claim.what}は、${who}変更しました。${claim.undone ?? '今の入力は保存していません'}。再読み込みしてください。`,
    {
      path: ['version'],
    },
  );
}

/** A record as the audit log keeps it: the version is bookkeeping, not a change the user made. */
export function withoutVersion<T extends { version?: number }>(record: T): Omit<T, 'version'>;
export function withoutVersion<T extends { version?: number }>(record: T | null | undefined): Omit<T, 'version'> | null;
export function withoutVersion<T extends { version?: number }>(record: T | null | undefined): Omit<T, 'version'> | null {
  if (!record) return null;
  const { version: _version, ...rest } = record;
  return rest;
}

/**
 * Two people making the same record's first save at once (a 事後評価, a 文書番号 series, a year's 要綱): both read
 * "none", both insert, and the second insert meets the first one's key — PostgreSQL's unique_violation once the
 * first commits, or SQLite's when two processes share a file. That is the same lost race as a stale version, so
 * the loser gets the same answer and reload. Only a first save's insert is wrapped: any other duplicate is refused
 * by its domain before it reaches the database, naming its field.
 * @example await firstSave(db.insertInto('fundEvaluation').values({ ...row, version: 1 }).execute())
 */
export async function firstSave<T>(insert: Promise<T>): Promise<T> {
  try {
    return await insert;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== '23505' && code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
    throw new RenkeiError(
      'conflict',
      '同じ記録を、ほかの人がほぼ同時に保存しました。今の入力は保存していません。再読み込みして内容を確かめてから、もう一度保存してください。',
      { path: ['version'] },
    );
  }
}
