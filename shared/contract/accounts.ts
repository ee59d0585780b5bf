/**
 * People in shared mode: the roles a person may have, who is signed in, and
 * the accounts 県・担当 manages (each one a login role on the PostgreSQL
 * server; the password goes to the server and is never kept by Renkei).
 */
import { z } from 'zod';
import { emptyInput } from './common';
import { lazySchema, mutation, query } from './define';
import { ROLES, type Role } from './roles';

export { ROLE_LABELS, ROLES, type Role } from './roles';

/** Who the core works as: on a file always 県・担当 (one person, one PC); on a server the signed-in login. */
export interface Session {
  /** The login (PostgreSQL's session user), or the OS user on a file. */
  login: string;
  /** The name the audit log shows; blank = the settings' 表示名. */
  displayName: string;
  role: Role;
  /** 医師会・事務局: the 医師会 (台帳) whose centers they work on. */
  associationId: number | null;
  /** Shared mode (PostgreSQL), where accounts exist. */
  shared: boolean;
}

export interface Account {
  login: string;
  displayName: string;
  role: Role;
  associationId: number | null;
  disabled: boolean;
  createdAt: string;
}

/**
 * A login as typed at sign-in, as Renkei creates it: 「ＹＡＭＡＤＡ」 or 「 Yamada」 is yamada.
 * @example normalizeLogin('Ｙａｍａｄａ ') // 'yamada'
 */
export function normalizeLogin(typed: string): string {
  return typed.normalize('NFKC').trim().toLowerCase();
}

/** A PostgreSQL role name as Renkei creates it: lower-case letters, digits and _, starting with a letter. */
export const loginSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, { message: 'ログイン名は半角英小文字で始め、半角英小文字・数字・_ の2〜63文字にしてください' }),
);

export const passwordSchema = lazySchema(() =>
  z.string().min(10, { message: 'パスワードは10文字以上にしてください' }).max(200, { message: 'パスワードは200文字以内にしてください' }),
);

const roleFields = {
  role: lazySchema(() => z.enum(ROLES, { message: '役割を一覧から選んでください' })),
  associationId: lazySchema(() => z.number().int().positive().nullable().default(null)),
};

const needsAssociation = (v: { role: Role; associationId: number | null }) => (v.role === 'assoc') === (v.associationId !== null);
const associationMessage = { message: '医師会・事務局の方には医師会を選んでください（県の方には選びません）', path: ['associationId'] };

export const accountsOperations = {
  'accounts.session': query<Session>('サインイン中の利用者の表示')(() => emptyInput),
  'accounts.list': query<Account[]>('利用者の一覧')(() => emptyInput),
  'accounts.add': mutation<Account>('利用者の追加')(() =>
    z
      .object({
        login: loginSchema,
        displayName: z.string().trim().min(1, { message: '氏名を入力してください' }).max(40),
        password: passwordSchema,
        ...roleFields,
      })
      .strict()
      .refine(needsAssociation, associationMessage),
  ),
  'accounts.resetPassword': mutation<Account>('利用者のパスワードの再設定')(() =>
    z.object({ login: loginSchema, password: passwordSchema }).strict(),
  ),
  'accounts.setRole': mutation<Account>('利用者の役割の変更')(() =>
    z
      .object({ login: loginSchema, ...roleFields })
      .strict()
      .refine(needsAssociation, associationMessage),
  ),
  'accounts.disable': mutation<Account>('利用者の利用停止')(() => z.object({ login: loginSchema }).strict()),
  'accounts.enable': mutation<Account>('利用者の利用再開')(() => z.object({ login: loginSchema }).strict()),
};
