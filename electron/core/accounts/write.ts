/**
 * Account management for 県・担当 in shared mode. Each change goes through
 * the database's account functions (kernel/db/roles.ts), which create or
 * alter the person's login role in the same transaction as the account row;
 * the password goes to the server and appears neither in Renkei's tables nor
 * in the audit log.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type Account, RenkeiError } from '@shared/contract';
import type { accountsOperations } from '@shared/contract/accounts';
import type { MutationContext } from '../kernel/context';
import { engineKindOf } from '../kernel/db/engine';
import type { Trx } from '../kernel/db/schema';
import { account } from './read';

type Input<N extends keyof typeof accountsOperations> = z.output<(typeof accountsOperations)[N]['input']>;

function sharedOnly(db: Trx): void {
  if (engineKindOf(db) !== 'postgres')
    throw new RenkeiError(
      'refused',
      'この PC だけのデータベース（ファイル）には利用者の管理はありません。利用者は共有データベース（PostgreSQL）で管理します。',
    );
}

async function existing(db: Trx, login: string): Promise<Account> {
  const found = await account(db, login);
  if (!found) throw new RenkeiError('not_found', `利用者「${login}」は登録されていません。一覧を開き直してください。`, { path: ['login'] });
  return found;
}

async function requireAssociation(db: Trx, id: number | null): Promise<void> {
  if (id === null) return;
  const found = await db.selectFrom('medicalAssociation').select('id').where('id', '=', id).executeTakeFirst();
  if (!found)
    throw new RenkeiError('not_found', '選ばれた医師会が台帳にありません。医師会を選び直してください。', { path: ['associationId'] });
}

/** A role the server refused to create or change, in the words of the form. */
function serverRefusal(error: unknown, login: string): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '42710')
    throw new RenkeiError(
      'conflict',
      `ログイン名「${login}」はデータベースサーバーですでに使われています。別のログイン名にしてください。`,
      { path: ['login'] },
    );
  if (code === '42883')
    throw new RenkeiError(
      'refused',
      'このデータベースは利用者を管理できるように設定されていません。データベースの管理者に `renkei shared setup` の実行を依頼してください。',
    );
  throw error;
}

export async function addAccount({ db, audit, core }: MutationContext, input: Input<'accounts.add'>): Promise<Account> {
  sharedOnly(db);
  await requireAssociation(db, input.associationId);
  const at = core.clock().toISOString();
  try {
    await sql`SELECT renkei_account_add(${input.login}, ${input.displayName}, ${input.password}, ${input.role}, ${input.associationId}::integer, ${at})`.execute(
      db,
    );
  } catch (error) {
    serverRefusal(error, input.login);
  }
  const after = await existing(db, input.login);
  audit({ entity: 'account', entityId: input.login, before: null, after });
  return after;
}

export async function resetPassword({ db, audit }: MutationContext, input: Input<'accounts.resetPassword'>): Promise<Account> {
  sharedOnly(db);
  const before = await existing(db, input.login);
  try {
    await sql`SELECT renkei_account_password(${input.login}, ${input.password})`.execute(db);
  } catch (error) {
    serverRefusal(error, input.login);
  }
  // The log says that the password was set, never what to.
  audit({ entity: 'account', entityId: input.login, before: { password: '（以前のもの）' }, after: { password: '（再設定）' } });
  return before;
}

export async function setRole({ db, audit, core }: MutationContext, input: Input<'accounts.setRole'>): Promise<Account> {
  sharedOnly(db);
  const before = await existing(db, input.login);
  if (input.login === core.session.login)
    throw new RenkeiError('refused', '自分自身の役割は変えられません。ほかの県・担当の方に依頼してください。', { path: ['login'] });
  await requireAssociation(db, input.associationId);
  try {
    await sql`SELECT renkei_account_role(${input.login}, ${input.role}, ${input.associationId}::integer)`.execute(db);
  } catch (error) {
    serverRefusal(error, input.login);
  }
  const after = await existing(db, input.login);
  audit({ entity: 'account', entityId: input.login, before, after });
  return after;
}

export async function disableAccount({ db, audit, core }: MutationContext, input: Input<'accounts.disable'>): Promise<Account> {
  sharedOnly(db);
  const before = await existing(db, input.login);
  if (input.login === core.session.login)
    throw new RenkeiError('refused', '自分自身は利用停止にできません。ほかの県・担当の方に依頼してください。', { path: ['login'] });
  try {
    await sql`SELECT renkei_account_disable(${input.login})`.execute(db);
  } catch (error) {
    serverRefusal(error, input.login);
  }
  const after = await existing(db, input.login);
  audit({ entity: 'account', entityId: input.login, before, after });
  return after;
}

export async function enableAccount({ db, audit }: MutationContext, input: Input<'accounts.enable'>): Promise<Account> {
  sharedOnly(db);
  const before = await existing(db, input.login);
  try {
    await sql`SELECT renkei_account_enable(${input.login})`.execute(db);
  } catch (error) {
    serverRefusal(error, input.login);
  }
  const after = await existing(db, input.login);
  audit({ entity: 'account', entityId: input.login, before, after });
  return after;
}
