/** Reading the accounts of a shared database (a file has none: its one user is 県・担当). */
import type { Account, Role } from '@shared/contract';
import { engineKindOf } from '../kernel/db/engine';
import type { Reader } from '../kernel/db/schema';

export async function accounts(db: Reader): Promise<Account[]> {
  if (engineKindOf(db) !== 'postgres') return [];
  const rows = await db.selectFrom('account').selectAll().orderBy('login').execute();
  return rows.map((r) => ({
    login: r.login,
    displayName: r.displayName,
    role: r.role as Role,
    associationId: r.associationId,
    disabled: r.disabled === 1,
    createdAt: r.createdAt,
  }));
}

export async function account(db: Reader, login: string): Promise<Account | undefined> {
  return (await accounts(db)).find((a) => a.login === login);
}
