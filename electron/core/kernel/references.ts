/**
 * The check every mutation's references pass before its handler runs: each
 * field the contract declares as naming another record (shared/contract/
 * references.ts) must name one that exists, or the operation ends with a
 * field error saying which field and what to do. A foreign key that still
 * fails inside a handler (a record deleted meanwhile, a reference not yet
 * declared) becomes a clear refusal rather than an internal error.
 */
import { sql } from 'kysely';
import { type OpName, RenkeiError } from '@shared/contract';
import { REFERENCE_KINDS, REFERENCES, type ReferenceKind } from '@shared/contract/references';
import { FIELD_LABELS, fieldLabel } from '@shared/glossary';
import type { Trx } from './db/schema';

/** Where each kind of record lives: its table and the column a reference names. */
const TARGETS: Record<ReferenceKind, { table: string; column: string }> = {
  municipality: { table: 'municipality', column: 'code' },
  area: { table: 'area', column: 'id' },
  association: { table: 'medical_association', column: 'id' },
  center: { table: 'center', column: 'id' },
  institution: { table: 'institution', column: 'id' },
  fundCategory: { table: 'fund_category', column: 'code' },
  fundProject: { table: 'fund_project', column: 'id' },
  fundVersion: { table: 'fund_budget_version', column: 'id' },
  surveyDefinition: { table: 'survey_definition', column: 'id' },
  surveyRound: { table: 'survey_round', column: 'id' },
  meetingBody: { table: 'meeting_body', column: 'id' },
  meeting: { table: 'meeting', column: 'id' },
};

type Path = (string | number)[];

/** Every value at `pattern` under `value`, with its concrete path; '*' walks a list or a record. */
function valuesAt(value: unknown, pattern: readonly string[], at: Path = []): { path: Path; value: unknown }[] {
  if (value === null || value === undefined) return [];
  if (pattern.length === 0) return [{ path: at, value }];
  const [head, ...rest] = pattern as [string, ...string[]];
  if (typeof value !== 'object') return [];
  if (head !== '*') return valuesAt((value as Record<string, unknown>)[head], rest, [...at, head]);
  if (Array.isArray(value)) return value.flatMap((item, i) => valuesAt(item, rest, [...at, i]));
  return Object.entries(value).flatMap(([key, item]) => valuesAt(item, rest, [...at, key]));
}

/** 「医師会: 指定された医師会（id 999）はありません。…」, named by the field (or the kind, where the glossary has no name for it). */
function unknownReference(path: Path, kind: ReferenceKind, value: unknown): { path: Path; message: string } {
  const label = path
    .map((p, i) => (i === path.length - 1 && typeof p === 'string' && !(p in FIELD_LABELS) ? REFERENCE_KINDS[kind] : fieldLabel(p)))
    .join(' › ');
  const shown = typeof value === 'number' ? `id ${value}` : `コード ${String(value)}`;
  return { path, message: `${label}: 指定された${REFERENCE_KINDS[kind]}（${shown}）はありません。一覧から選び直してください。` };
}

/** Throws a `validation` error naming every declared reference of `name`'s input that names no record. */
export async function checkReferences(db: Trx, name: OpName, input: unknown): Promise<void> {
  const problems: { path: Path; message: string }[] = [];
  for (const field of REFERENCES[name] ?? []) {
    const found = valuesAt(input, field.path);
    if (found.length === 0) continue;
    const { table, column } = TARGETS[field.kind];
    const keys = [...new Set(found.map((f) => f.value as string | number))];
    const { rows } = await sql<{
      key: string | number;
    }>`SELECT ${sql.ref(column)} AS key FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(keys)})`.execute(db);
    const existing = new Set(rows.map((r) => r.key));
    for (const f of found) if (!existing.has(f.value as string | number)) problems.push(unknownReference(f.path, field.kind, f.value));
  }
  if (problems.length > 0) throw new RenkeiError('validation', problems[0]!.message, { path: problems[0]!.path, issues: problems });
}

/** A foreign key that failed all the same: a refusal the user can act on, not an internal error. */
export function foreignKeyRefusal(error: unknown): RenkeiError | null {
  // SQLite's extended code, or PostgreSQL's SQLSTATE foreign_key_violation.
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_CONSTRAINT_FOREIGNKEY' && code !== '23503') return null;
  return new RenkeiError(
    'conflict',
    '保存できませんでした。選ばれた記録のどれかが見つからないか、ほかの記録から使われています。画面を開き直して選び直してください。操作は取り消されました。',
  );
}
