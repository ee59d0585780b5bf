/**
 * People in shared mode, enforced by PostgreSQL itself: three group roles
 * (県・担当, 県・閲覧, 医師会・事務局) with GRANTs per table, row-level
 * security that narrows the association to its own centers' rows, an audit
 * log whose author PostgreSQL stamps from the login, and account functions
 * that create and change login roles. Someone who connects
 * with psql using their own login gets no more than the app would give them;
 * the core's own check (shared/contract/permissions.ts) refuses first, in
 * Japanese. Set up once by the database's administrator (`renkei shared
 * setup`), again after an upgrade that adds tables.
 *
 * How a login maps to a person: the `account` table (login = session_user),
 * read by the policies through renkei_my_association().
 */
import { sql } from 'kysely';
import { RenkeiError, type Role, type Session } from '@shared/contract';
import { ROLE_LABELS, ROLES } from '@shared/contract/accounts';
import { ASSOCIATION_STEP_KINDS } from '@shared/contract/permissions';
import { engineKindOf } from './engine';
import { MIGRATION_TABLE } from './identity';
import type { Reader } from './schema';

export interface SharedSetupOptions {
  /**
   * Put before the group roles' names (renkei_pref_staff …). Roles are
   * cluster-wide: two Renkei databases on one server with different people
   * (or the tests) keep theirs apart with a prefix.
   */
  rolePrefix?: string;
}

/** The group role of each Renkei role. */
export function groupRoles(prefix = ''): Record<Role, string> {
  return { pref_staff: `${prefix}renkei_pref_staff`, pref_viewer: `${prefix}renkei_pref_viewer`, assoc: `${prefix}renkei_assoc` };
}

/** Tables the association reads whole: the 台帳 it works from, the 要綱, the survey forms. */
const ASSOCIATION_READS = [
  'setting',
  'prefecture',
  'municipality',
  'population',
  'area',
  'area_member',
  'medical_association',
  'association_member',
  'institution',
  'designation',
  'designation_partner',
  'subsidy_rules',
  'survey_definition',
  'survey_definition_version',
  'survey_round',
];

/** The steps the association enters itself (交付申請・変更交付申請・実績報告), as SQL. */
const OWN_STEP_KINDS = `kind IN (${ASSOCIATION_STEP_KINDS.map((k) => `'${k}'`).join(', ')})`;

/**
 * Tables with rows per center: what the association may do with its own centers' rows; `deletes`, where given, narrows
 * what it may delete further, and `changes` what it may update or delete (restrictive policies of their own: the
 * permissive one's USING serves every command, reading included).
 */
const ASSOCIATION_ROWS: Record<string, { privileges: string; mine: string; check?: string; deletes?: string; changes?: string }> = {
  // Its own record only, not the prefecture's terms (区分, 運営主体, 補助区分, 対象市町村: PREFECTURE_CENTER_FIELDS) that decide its subsidy.
  center: {
    privileges: 'SELECT, UPDATE (name, entrusted_to, start_date, contact, version, steps_version)',
    mine: 'operator_association_id = renkei_my_association()',
  },
  center_member: { privileges: 'SELECT', mine: 'center_id IN (SELECT id FROM center)' },
  // A municipality its centers cover, every item (直営 and 広域 have no center): saved as a whole, and entrusted to its own
  // centers or to a body by name, never to another 医師会's center (a municipality another 医師会's center also covers).
  linkage_item: {
    privileges: 'SELECT, INSERT, UPDATE, DELETE',
    mine: 'municipality_code IN (SELECT municipality_code FROM center_member WHERE center_id IN (SELECT id FROM center))',
    check:
      'municipality_code IN (SELECT municipality_code FROM center_member WHERE center_id IN (SELECT id FROM center)) AND (center_id IS NULL OR center_id IN (SELECT id FROM center))',
    // Read, but neither taken back nor deleted: an item another 医師会's center holds.
    changes: 'center_id IS NULL OR center_id IN (SELECT id FROM center)',
  },
  subsidy_step: {
    privileges: 'SELECT, INSERT, DELETE',
    mine: 'center_id IN (SELECT id FROM center)',
    // 交付申請・変更交付申請・実績報告 only: a decision or 額の確定 cannot be entered, nor taken back, even from psql.
    check: `center_id IN (SELECT id FROM center) AND ${OWN_STEP_KINDS}`,
    deletes: OWN_STEP_KINDS,
  },
  // The 仕入控除税額 is the center's own report, made after its tax return.
  subsidy_tax_credit: { privileges: 'SELECT, INSERT, UPDATE, DELETE', mine: 'center_id IN (SELECT id FROM center)' },
  survey_round_target: { privileges: 'SELECT', mine: 'renkei_my_center_target(round_id, target_id)' },
  survey_answer: { privileges: 'SELECT, INSERT, UPDATE, DELETE', mine: 'renkei_my_center_target(round_id, target_id)' },
  survey_answer_history: { privileges: 'SELECT, INSERT', mine: 'renkei_my_center_target(round_id, target_id)' },
};

/** audit_log columns a role may write: all but the entry's number. */
const AUDIT_WRITE = 'at, os_user, display_name, operation, entity, entity_id, before_json, after_json';

/** audit_log columns the association may read: who changed which record when (the conflict message), not the contents. */
const AUDIT_HEAD = 'id, at, os_user, display_name, operation, entity, entity_id';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Creates (or brings up to date) the group roles, their GRANTs, the
 * row-level security and the account functions on the open PostgreSQL
 * database. Run by its administrator (the owner of the tables, with
 * CREATEROLE), in one transaction.
 */
export async function setupSharedRoles(db: Reader, options: SharedSetupOptions = {}): Promise<void> {
  if (engineKindOf(db) !== 'postgres')
    throw new RenkeiError(
      'refused',
      'この PC だけのデータベース（ファイル）には利用者の設定はありません。共有データベース（PostgreSQL）で実行してください。',
    );
  const groups = groupRoles(options.rolePrefix);
  const run = (text: string) => sql.raw(text).execute(db);
  const tables = (
    await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(db)
  ).rows.map((r) => r.name);
  const [{ schema, database }] = (
    await sql<{ schema: string; database: string }>`SELECT current_schema() AS schema, current_database() AS database`.execute(db)
  ).rows as [{ schema: string; database: string }];

  for (const group of Object.values(groups)) {
    await run(
      `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(group)}) THEN CREATE ROLE ${ident(group)} NOLOGIN; END IF; END $$`,
    );
    await run(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(group)}`);
    await run(`GRANT USAGE ON SCHEMA ${ident(schema)} TO ${ident(group)}`);
    await run(`REVOKE ALL ON ALL TABLES IN SCHEMA ${ident(schema)} FROM ${ident(group)}`);
    await run(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${ident(schema)} FROM ${ident(group)}`);
  }
  const all = Object.values(groups).map(ident).join(', ');
  const staff = ident(groups.pref_staff);
  const viewer = ident(groups.pref_viewer);
  const assoc = ident(groups.assoc);
  await run(`REVOKE ALL ON ALL TABLES IN SCHEMA ${ident(schema)} FROM PUBLIC`);

  // Who the signed-in person is, for the policies: their account's 医師会 (session_user is the login even inside these functions).
  await run(`CREATE OR REPLACE FUNCTION renkei_my_association() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${ident(schema)}, pg_temp
    AS $$ SELECT association_id FROM account WHERE login = session_user AND disabled = 0 $$`);
  // A survey target that is one of the association's centers (answers are per target; targets of other kinds are not theirs).
  await run(`CREATE OR REPLACE FUNCTION renkei_my_center_target(round integer, target text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${ident(schema)}, pg_temp
    AS $$ SELECT EXISTS (
      SELECT 1 FROM survey_round r JOIN survey_definition_version v ON v.id = r.version_id
      JOIN center c ON c.id::text = target
      WHERE r.id = round AND v.target_kind = 'center' AND c.operator_association_id = renkei_my_association()) $$`);
  await run(`REVOKE ALL ON FUNCTION renkei_my_association(), renkei_my_center_target(integer, text) FROM PUBLIC`);
  await run(`GRANT EXECUTE ON FUNCTION renkei_my_association(), renkei_my_center_target(integer, text) TO ${all}`);

  for (const table of tables) {
    const t = ident(table);
    await run(`GRANT SELECT ON ${t} TO ${viewer}`);
    if (table === 'account') await run(`GRANT SELECT ON ${t} TO ${staff}`);
    else if (table === 'audit_log') await run(`GRANT SELECT ON ${t} TO ${staff}`);
    else if (table.startsWith(MIGRATION_TABLE)) await run(`GRANT SELECT ON ${t} TO ${staff}, ${assoc}`);
    else await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${staff}`);
    if (ASSOCIATION_READS.includes(table)) await run(`GRANT SELECT ON ${t} TO ${assoc}`);
  }
  await run(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${staff}, ${assoc}`);
  // Every role writes the audit log (the viewer changes nothing, but a 提出資料一式 it makes is recorded: report/pack.ts),
  // each entry numbered by the database: a number chosen ahead would stop every save after it.
  await run(`GRANT INSERT (${AUDIT_WRITE}) ON audit_log TO ${staff}, ${assoc}, ${viewer}`);
  await run(`GRANT SELECT (${AUDIT_HEAD}) ON audit_log TO ${assoc}`);
  await run(`GRANT SELECT ON account TO ${assoc}`);

  // Who wrote an audit entry is the login that wrote it, whatever the INSERT says: a person cannot write under another's
  // name, even from psql. The administrator (a superuser, the database's or the table's owner) is left as it writes: it
  // copies a file's history in (共有データベースへ移行) and could drop the trigger anyway. The app writes the same names
  // (kernel actor(): the login, its account's 氏名), so its own entries are unchanged. No group may UPDATE or DELETE an
  // entry: none is granted either (the REVOKE ALL above).
  await run(`CREATE OR REPLACE FUNCTION renkei_audit_author() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${ident(schema)}, pg_temp AS $$
    BEGIN
      IF NOT (
        (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        OR (SELECT pg_get_userbyid(datdba) = session_user FROM pg_database WHERE datname = current_database())
        OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')
      ) THEN
        NEW.os_user := session_user;
        NEW.display_name := coalesce((SELECT display_name FROM account WHERE login = session_user), '');
      END IF;
      RETURN NEW;
    END $$`);
  await run('REVOKE ALL ON FUNCTION renkei_audit_author() FROM PUBLIC');
  await run('DROP TRIGGER IF EXISTS renkei_audit_author ON audit_log');
  await run('CREATE TRIGGER renkei_audit_author BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION renkei_audit_author()');

  const policies: [string, string, string][] = [
    ...Object.entries(ASSOCIATION_ROWS).map(([table, rule]): [string, string, string] => [table, rule.mine, rule.check ?? rule.mine]),
    ['account', 'login = session_user', 'false'],
  ];
  for (const [table, mine, check] of policies) {
    const rule = ASSOCIATION_ROWS[table];
    if (rule) await run(`GRANT ${rule.privileges} ON ${ident(table)} TO ${assoc}`);
    await run(`ALTER TABLE ${ident(table)} ENABLE ROW LEVEL SECURITY`);
    await run(`DROP POLICY IF EXISTS renkei_prefecture ON ${ident(table)}`);
    await run(`DROP POLICY IF EXISTS renkei_association ON ${ident(table)}`);
    await run(`CREATE POLICY renkei_prefecture ON ${ident(table)} TO ${staff}, ${viewer} USING (true) WITH CHECK (true)`);
    await run(`CREATE POLICY renkei_association ON ${ident(table)} TO ${assoc} USING (${mine}) WITH CHECK (${check})`);
    await run(`DROP POLICY IF EXISTS renkei_association_delete ON ${ident(table)}`);
    await run(`DROP POLICY IF EXISTS renkei_association_update ON ${ident(table)}`);
    const deletes = [rule?.deletes, rule?.changes].filter((c) => c !== undefined).map((c) => `(${c})`);
    if (deletes.length > 0)
      await run(
        `CREATE POLICY renkei_association_delete ON ${ident(table)} AS RESTRICTIVE FOR DELETE TO ${assoc} USING (${deletes.join(' AND ')})`,
      );
    if (rule?.changes)
      await run(`CREATE POLICY renkei_association_update ON ${ident(table)} AS RESTRICTIVE FOR UPDATE TO ${assoc} USING (${rule.changes})`);
  }

  // Account management for 県・担当, run as the administrator (who may create roles); only roles that are Renkei accounts are touched.
  const groupOf = `CASE role ${ROLES.map((r) => `WHEN ${literal(r)} THEN ${literal(groups[r])}`).join(' ')} END`;
  await run(`CREATE OR REPLACE FUNCTION renkei_account_add(login text, display_name text, password text, role text, association_id integer, created_at text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${ident(schema)}, pg_temp AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'renkei: login exists' USING ERRCODE = 'duplicate_object';
      END IF;
      INSERT INTO account (login, display_name, role, association_id, disabled, created_at) VALUES (login, display_name, role, association_id, 0, created_at);
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', login, password, ${groupOf});
    END $$`);
  await run(`CREATE OR REPLACE FUNCTION renkei_account_password(who text, password text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${ident(schema)}, pg_temp AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM account WHERE login = who) THEN RAISE EXCEPTION 'renkei: no account' USING ERRCODE = 'no_data_found'; END IF;
      EXECUTE format('ALTER ROLE %I PASSWORD %L', who, password);
    END $$`);
  await run(`CREATE OR REPLACE FUNCTION renkei_account_role(who text, new_role text, new_association integer)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${ident(schema)}, pg_temp AS $$
    DECLARE old_group text;
    BEGIN
      SELECT ${groupOf} INTO old_group FROM account WHERE login = who;
      IF NOT FOUND THEN RAISE EXCEPTION 'renkei: no account' USING ERRCODE = 'no_data_found'; END IF;
      EXECUTE format('REVOKE %I FROM %I', old_group, who);
      UPDATE account SET role = new_role, association_id = new_association WHERE login = who;
      SELECT ${groupOf} INTO old_group FROM account WHERE login = who;
      EXECUTE format('GRANT %I TO %I', old_group, who);
    END $$`);
  await run(`CREATE OR REPLACE FUNCTION renkei_account_disable(who text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${ident(schema)}, pg_temp AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM account WHERE login = who) THEN RAISE EXCEPTION 'renkei: no account' USING ERRCODE = 'no_data_found'; END IF;
      UPDATE account SET disabled = 1 WHERE login = who;
      EXECUTE format('ALTER ROLE %I NOLOGIN', who);
    END $$`);
  await run(`CREATE OR REPLACE FUNCTION renkei_account_enable(who text)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${ident(schema)}, pg_temp AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM account WHERE login = who) THEN RAISE EXCEPTION 'renkei: no account' USING ERRCODE = 'no_data_found'; END IF;
      UPDATE account SET disabled = 0 WHERE login = who;
      EXECUTE format('ALTER ROLE %I LOGIN', who);
    END $$`);
  const accountFunctions =
    'renkei_account_add(text, text, text, text, integer, text), renkei_account_password(text, text), renkei_account_role(text, text, integer), renkei_account_disable(text), renkei_account_enable(text)';
  await run(`REVOKE ALL ON FUNCTION ${accountFunctions} FROM PUBLIC`);
  await run(`GRANT EXECUTE ON FUNCTION ${accountFunctions} TO ${staff}`);
}

/**
 * Who the core works as. A file: its one user, 県・担当. A server: the
 * signed-in login's account; the database's administrator (who set it up,
 * and has no account) works as 県・担当; a login without an account, or a
 * disabled one, is refused.
 */
export async function readSession(db: Reader, osUser: string): Promise<Session> {
  if (engineKindOf(db) !== 'postgres') return { login: osUser, displayName: '', role: 'pref_staff', associationId: null, shared: false };
  const { rows } = await sql<{ login: string; admin: boolean }>`
    SELECT session_user AS login,
      (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
        OR (SELECT pg_get_userbyid(datdba) = session_user FROM pg_database WHERE datname = current_database()) AS admin`.execute(db);
  const { login, admin } = rows[0]!;
  const account = await db.selectFrom('account').selectAll().where('login', '=', login).executeTakeFirst();
  if (account && account.disabled === 0)
    return { login, displayName: account.displayName, role: account.role as Role, associationId: account.associationId, shared: true };
  if (!account && admin) return { login, displayName: '', role: 'pref_staff', associationId: null, shared: true };
  throw new RenkeiError(
    'unauthorized',
    account
      ? `ログイン「${login}」は利用停止になっています。県の担当者に確かめてください。`
      : `ログイン「${login}」は Renkei の利用者として登録されていません。県の担当者に利用者の追加を依頼してください。`,
  );
}

/**
 * PostgreSQL's refusal of a privilege or a row-level policy (SQLSTATE 42501),
 * as the user meets it: which operation, and whom to ask. The core's own
 * check refuses first; this one answers what only the database knows (a
 * center of another 医師会, a table the role has no grant on).
 */
export function deniedRefusal(error: unknown, label: string, session: Session): RenkeiError | null {
  if ((error as { code?: unknown } | null)?.code !== '42501') return null;
  const role = ROLE_LABELS[session.role];
  // Only a row-level policy speaks of another 医師会's centers; a missing grant is a table the role may not touch at all.
  const rowPolicy = /row-level security/i.test((error as Error).message ?? '');
  const whose = session.role === 'assoc' && rowPolicy ? '（ほかの医師会のセンターの記録は扱えません）' : '';
  return new RenkeiError(
    'refused',
    `${role}の役割（${session.login}）では「${label}」はできません。データベースが拒否しました${whose}。何も変わっていません。必要なときは県の担当者に依頼してください。`,
  );
}
