/**
 * Roles in shared mode, enforced twice: through the API (the core's refusal,
 * in Japanese) and through a direct connection with each person's own login
 * (PostgreSQL's GRANTs and row-level security), for every table. The demo
 * data gives two 医師会 with centers; the association's person sees and
 * changes only its own, and cannot enter a 交付決定 even with SQL.
 * Login roles are cluster-wide: every role made here carries a random prefix
 * and is dropped at the end.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpName, operations } from '@shared/contract';
import type { CenterRow } from '@shared/contract/masters';
import { ASSOCIATION_STEP_KINDS, PERMISSIONS } from '@shared/contract/permissions';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { readWorkbook } from '@tests/support/files';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../../core';
import type { PgConnection } from './postgres';
import { groupRoles, setupSharedRoles } from './roles';

type Login = 'staff' | 'viewer' | 'assoc';
const PASSWORD = 'correct-horse-battery';

/** A centers-list row as masters.centers.save takes it: without the list's derived columns. */
const editable = ({ operatorName: _name, entrustingCodes: _codes, ...center }: CenterRow) => center;

describe.skipIf(skipWithoutPg())('roles on PostgreSQL', () => {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}_`;
  const logins: Record<Login, string> = { staff: `${prefix}yamada`, viewer: `${prefix}sato`, assoc: `${prefix}suzuki` };
  let admin: Core;
  let connection: PgConnection;
  let drop: () => Promise<void>;
  const cores: Partial<Record<Login, Core>> = {};
  /** 医師会 A (whose person signs in) and a center of A's and of another 医師会. */
  let associationA: number;
  let mine: { id: number; name: string };
  let theirs: { id: number; name: string };

  const as = async (who: Login): Promise<Core> => {
    cores[who] ??= await Core.open({ connection: { ...connection, user: logins[who], password: PASSWORD }, workDir: tempDir() });
    return cores[who]!;
  };
  /** `work` done through a direct connection signed in as `user` (a login's own, as psql would be). */
  const directAs = async <T>(user: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ ...connection, user, password: PASSWORD, ssl: false });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const direct = <T>(who: Login, work: (client: pg.Client) => Promise<T>): Promise<T> => directAs(logins[who], work);
  /** A person of 医師会 `associationId` given a login (`name` after the prefix) by the admin, and a core signed in as them. */
  const addAssociationPerson = async (name: string, displayName: string, associationId: number) => {
    const login = `${prefix}${name}`;
    await admin.call('accounts.add', { login, displayName, password: PASSWORD, role: 'assoc', associationId });
    return { login, core: await Core.open({ connection: { ...connection, user: login, password: PASSWORD }, workDir: tempDir() }) };
  };

  beforeAll(async () => {
    ({ connection, drop } = await freshPgDatabase());
    admin = await Core.open({ connection, workDir: tempDir(), osUser: 'it-admin' });
    await admin.call('app.demo.load', {});
    await setupSharedRoles(admin.database, { rolePrefix: prefix });
    const centers = await admin.database.selectFrom('center').select(['id', 'name', 'operatorAssociationId']).orderBy('id').execute();
    const operated = centers.filter((c) => c.operatorAssociationId !== null);
    associationA = operated[0]!.operatorAssociationId!;
    mine = operated[0]!;
    theirs = operated.find((c) => c.operatorAssociationId !== associationA)!;
    expect(theirs).toBeDefined();
    await admin.call('accounts.add', { login: logins.staff, displayName: '山田', password: PASSWORD, role: 'pref_staff' });
    await admin.call('accounts.add', { login: logins.viewer, displayName: '佐藤', password: PASSWORD, role: 'pref_viewer' });
    await admin.call('accounts.add', {
      login: logins.assoc,
      displayName: '鈴木',
      password: PASSWORD,
      role: 'assoc',
      associationId: associationA,
    });
  }, 600_000);

  afterAll(async () => {
    for (const core of Object.values(cores)) await core?.close();
    await admin?.close();
    await drop?.();
    const client = new pg.Client({ ...connection, database: 'postgres', ssl: false });
    await client.connect();
    try {
      for (const role of [...Object.values(logins), `${prefix}kato`, `${prefix}ito`, `${prefix}ken`, ...Object.values(groupRoles(prefix))])
        await client.query(`DROP ROLE IF EXISTS "${role}"`);
    } finally {
      await client.end();
    }
  });

  it('signs each person in with their role, and records them in the audit log', async () => {
    expect(await (await as('staff')).call('accounts.session', {})).toEqual({
      login: logins.staff,
      displayName: '山田',
      role: 'pref_staff',
      associationId: null,
      shared: true,
    });
    expect(await (await as('assoc')).call('accounts.session', {})).toMatchObject({ role: 'assoc', associationId: associationA });
    // The administrator who set the database up works as 県・担当 without an account.
    expect(await admin.call('accounts.session', {})).toMatchObject({ role: 'pref_staff', shared: true });

    const staff = await as('staff');
    const [project] = await staff.call('fund.projects.list', { side: 'medical' });
    await staff.call('fund.projects.save', { ...project!, content: '山田が書き直した内容' });
    const { entries } = await admin.call('audit.list', { entity: 'fund_project', entityId: String(project!.id) });
    expect(entries[0]).toMatchObject({ operation: 'fund.projects.save', osUser: logins.staff, displayName: '山田' });
  });

  it('writes every audit entry under the login that wrote it: one made in SQL under another’s name is stamped with its own, and none is changed or deleted', async () => {
    const forge = (who: Login) =>
      direct(who, async (client) => {
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO audit_log (at, os_user, display_name, operation, entity, entity_id, before_json, after_json)
           VALUES ('2024-04-01T00:00:00.000Z', $1, '山田', 'fund.projects.save', 'fund_project', '1', NULL, '{}') RETURNING id`,
          [logins.staff],
        );
        return rows[0]!.id;
      });
    // Set up again, as after an upgrade: the trigger is replaced, not doubled.
    await setupSharedRoles(admin.database, { rolePrefix: prefix });
    const forged = await forge('assoc');
    const byStaff = await forge('staff');
    const { entries } = await admin.call('audit.list', { entity: 'fund_project', entityId: '1' });
    expect(entries.find((e) => e.id === forged)).toMatchObject({ osUser: logins.assoc, displayName: '鈴木' });
    expect(entries.find((e) => e.id === byStaff)).toMatchObject({ osUser: logins.staff, displayName: '山田' });
    for (const who of ['staff', 'assoc', 'viewer'] as const)
      await direct(who, async (client) => {
        await expect(client.query(`UPDATE audit_log SET os_user = 'someone' WHERE id = $1`, [forged])).rejects.toMatchObject({
          code: '42501',
        });
        await expect(client.query('DELETE FROM audit_log WHERE id = $1', [forged])).rejects.toMatchObject({ code: '42501' });
      });

    // Nor may anyone choose an entry's number: entries written ahead under the next numbers would stop every save after.
    const next = (
      await admin.database
        .selectFrom('auditLog')
        .select((eb) => eb.fn.max('id').as('last'))
        .executeTakeFirstOrThrow()
    ).last;
    for (const who of ['staff', 'assoc', 'viewer'] as const)
      await direct(who, async (client) => {
        await expect(
          client.query(
            `INSERT INTO audit_log (id, at, os_user, display_name, operation, entity, entity_id) VALUES ($1, '2024-04-01T00:00:00.000Z', '', '', 'x', 'x', 'x')`,
            [Number(next) + 1000],
          ),
        ).rejects.toMatchObject({ code: '42501' });
        // … nor draw numbers of the tables' sequences: only the writers need them, and the viewer writes only the log.
        if (who === 'viewer')
          await expect(client.query(`SELECT nextval(pg_get_serial_sequence('center', 'id'))`)).rejects.toMatchObject({ code: '42501' });
      });

    // The app's own writes keep the names it gives: the association's person and the administrator (no account).
    const assoc = await as('assoc');
    const [center] = (await assoc.call('masters.centers.list', { fiscalYear: 2023 })).filter((c) => c.id === mine.id);
    await assoc.call('masters.centers.save', { ...editable(center!), contact: '鈴木が直した連絡先' });
    await admin.call('settings.update', { displayName: '情報システム課' });
    await admin.call('settings.update', { displayName: '' });
    const saved = await admin.call('audit.list', { entity: 'center', entityId: String(mine.id) });
    expect(saved.entries[0]).toMatchObject({ osUser: logins.assoc, displayName: '鈴木' });
    const setting = await admin.call('audit.list', { section: 'settings' });
    expect(setting.entries[0]).toMatchObject({ osUser: connection.user, displayName: '情報システム課' });
  });

  it('lets each role do what it may through the API, and refuses the rest in Japanese', async () => {
    const viewer = await as('viewer');
    const assoc = await as('assoc');
    const [project] = await viewer.call('fund.projects.list', { side: 'medical' });
    expect(project).toBeDefined();
    await expect(viewer.call('fund.projects.save', { ...project! })).rejects.toMatchObject({
      code: 'refused',
      message: '県・閲覧の役割では「基金事業の保存」はできません。必要なときは県の担当者に依頼してください。',
    });
    await expect(
      viewer.call('masters.centers.save', {
        ...editable((await viewer.call('masters.centers.list', { fiscalYear: 2023 }))[0]!),
        municipalityCodes: [],
      }),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('「センターの保存」') });
    // The packs made for a year are read from the audit log's head, which the association may read.
    expect(await assoc.call('report.packs', { fy: 2023 })).toEqual([]);
    await expect(assoc.call('fund.year', { side: 'medical', fiscalYear: 2023 })).rejects.toMatchObject({
      code: 'refused',
      message: '医師会・事務局の役割では「基金の年度の表示」はできません。必要なときは県の担当者に依頼してください。',
    });
    await expect(
      assoc.call('subsidy.steps.add', { centerId: mine.id, fiscalYear: 2024, kind: 'decision', datedOn: '2024-05-01', amount: 1000 }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: '医師会・事務局の役割では「補助金の手続きの登録（交付決定）」はできません。必要なときは県の担当者に依頼してください。',
    });
    await expect(
      assoc.call('accounts.add', { login: `${prefix}kato`, displayName: '加藤', password: PASSWORD, role: 'pref_staff' }),
    ).rejects.toMatchObject({
      code: 'refused',
    });

    // The association sees its own centers only (the database narrows the rows), and edits them.
    const seen = await assoc.call('masters.centers.list', { fiscalYear: 2023 });
    expect(seen.map((c) => c.id)).toEqual(
      (await admin.call('masters.centers.list', { fiscalYear: 2023 }))
        .filter((c) => c.operatorAssociationId === associationA)
        .map((c) => c.id),
    );
    const own = seen.find((c) => c.id === mine.id)!;
    const members = (
      await admin.database.selectFrom('centerMember').select('municipalityCode').where('centerId', '=', mine.id).execute()
    ).map((m) => m.municipalityCode);
    const saved = await assoc.call('masters.centers.save', {
      ...editable(own),
      contact: '事務局 011-000-0000',
      municipalityCodes: members,
    });
    expect(saved).toMatchObject({ id: mine.id, contact: '事務局 011-000-0000' });
    // Another association's center: refused by the database, said in words.
    const other = (await admin.call('masters.centers.list', { fiscalYear: 2023 })).find((c) => c.id === theirs.id)!;
    await expect(
      assoc.call('masters.centers.save', { ...editable(other), contact: '書き換え', municipalityCodes: [] }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/refused|not_found/),
    });
    expect((await admin.call('masters.centers.list', { fiscalYear: 2023 })).find((c) => c.id === theirs.id)!.contact).toBe(other.contact);

    // Its home (its own 医師会 even when it names another) and its screens read only what its login may: no 基金, no section counts.
    const home = await assoc.call('app.associationHome', { fiscalYear: 2023, associationId: other.operatorAssociationId! });
    expect(home.association?.id).toBe(associationA);
    expect(home.centers.map((c) => c.id)).toEqual(seen.map((c) => c.id));
    expect((await assoc.call('app.summary', {})).sections).toEqual([]);
    const year = await assoc.call('subsidy.year', { fiscalYear: 2023 });
    expect(year.budget).toBeNull();
    expect(year.rows.map((r) => r.center.id)).toEqual(expect.arrayContaining(seen.map((c) => c.id)));
    expect(year.rows).toHaveLength(seen.length);
    // Its reports: the 台帳, 補助金 and 調査 ones, each listing its years from what it may read.
    const reports = await assoc.call('report.list', {});
    expect(new Set(reports.map((r) => r.section))).toEqual(new Set(['masters', 'subsidy', 'survey']));
    expect(reports.map((r) => r.name)).not.toContain('subsidy.register');

    // Another 医師会's center, opened by its address: said to be another's, not "not in the 台帳".
    const refusedCenter = {
      code: 'refused',
      message: `このセンター（番号 ${theirs.id}）はほかの医師会の運営のため表示できません。自分の医師会のセンターは ホーム か 補助金 の一覧から開いてください。`,
    };
    await expect(assoc.call('subsidy.center', { centerId: theirs.id, fiscalYear: 2023 })).rejects.toMatchObject(refusedCenter);

    // A 交付決定 (or another of the prefecture's steps) that is its center's latest: the association may not take it back.
    const steps = await admin.database
      .selectFrom('subsidyStep')
      .innerJoin('center', 'center.id', 'subsidyStep.centerId')
      .select(['subsidyStep.id', 'subsidyStep.kind', 'subsidyStep.centerId', 'subsidyStep.fiscalYear'])
      .where('center.operatorAssociationId', '=', associationA)
      .orderBy('subsidyStep.id')
      .execute();
    const latest = new Map(steps.map((st) => [`${st.centerId}:${st.fiscalYear}`, st]));
    const prefectures = [...latest.values()].find((st) => !(ASSOCIATION_STEP_KINDS as readonly string[]).includes(st.kind))!;
    expect(prefectures).toBeDefined();
    await expect(assoc.call('subsidy.steps.deleteLast', { id: prefectures.id })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/^医師会・事務局の役割では「補助金の手続きの.*（.+）」はできません。/),
    });
    expect(await admin.database.selectFrom('subsidyStep').select('id').where('id', '=', prefectures.id).executeTakeFirst()).toBeDefined();

    // 独自様式 are the prefecture's (only it fills them): refused by the core in words, not by the database for a false reason.
    await expect(assoc.call('template.list', {})).rejects.toMatchObject({
      code: 'refused',
      message: '医師会・事務局の役割では「独自様式の一覧」はできません。必要なときは県の担当者に依頼してください。',
    });
    // Every read the association is permitted and that needs no input answers: the database grants what the contract permits.
    const refusedByDatabase: string[] = [];
    for (const [name, rule] of Object.entries(PERMISSIONS) as [OpName, unknown][]) {
      if (rule !== 'read' || operations[name].kind !== 'query') continue;
      const result = await assoc.dispatch(name, {});
      if (!result.ok && result.error.message.includes('データベースが拒否しました')) refusedByDatabase.push(name);
    }
    expect(refusedByDatabase).toEqual([]);
  });

  it('lets the association record and take back its own 交付申請・変更交付申請 though 基金 is not its to read; a decision still books the spending', async () => {
    const staff = await as('staff');
    const assoc = await as('assoc');
    await staff.call('subsidy.rules.copy', { from: 2023, to: 2024 });
    const inputs = {
      programs: [{ kind: 'operating' as const, code: 'operating', totalCost: 6_000_000, otherIncome: 100_000, eligibleExpense: 5_900_000 }],
    };
    const opened = await assoc.call('subsidy.center', { centerId: mine.id, fiscalYear: 2024 });
    const applied = await assoc.call('subsidy.steps.add', {
      centerId: mine.id,
      version: opened.version,
      fiscalYear: 2024,
      kind: 'application',
      datedOn: '2024-04-12',
      inputs,
    });
    const application = applied.steps.find((s) => s.kind === 'application')!;
    // The 県医師会's center (the demo's first): its 基準額 5,778,000 円 is below 対象経費 and 差引額 (seed 000).
    expect(application.amount).toBe(5_778_000);
    // Taken back (its own latest step), then entered again.
    const back = await assoc.call('subsidy.steps.deleteLast', { id: application.id, version: applied.version });
    expect(back.steps).toEqual([]);
    const again = await assoc.call('subsidy.steps.add', {
      centerId: mine.id,
      version: back.version,
      fiscalYear: 2024,
      kind: 'application',
      datedOn: '2024-04-12',
      inputs,
    });
    const booked = async () =>
      (await staff.call('fund.spending.list', { side: 'medical', fiscalYear: 2024 })).filter(
        (s) => s.source === 'subsidy' && s.payee === mine.name,
      );
    expect(await booked()).toEqual([]);

    // 県 decides: the spending is booked; the association's 変更交付申請 and its taking back leave it as decided.
    const decided = await staff.call('subsidy.steps.add', {
      centerId: mine.id,
      version: again.version,
      fiscalYear: 2024,
      kind: 'decision',
      datedOn: '2024-05-01',
      orderNo: '医第1号',
      amount: again.steps[0]!.amount,
      override: true,
      overrideReason: '試験',
    });
    expect((await booked()).map((s) => s.amount)).toEqual([again.steps[0]!.amount]);
    const changed = await assoc.call('subsidy.steps.add', {
      centerId: mine.id,
      version: decided.version,
      fiscalYear: 2024,
      kind: 'change_application',
      datedOn: '2024-09-01',
      inputs: { programs: [{ ...inputs.programs[0]!, totalCost: 5_000_000, eligibleExpense: 4_900_000 }] },
    });
    expect(changed.steps.map((s) => s.kind)).toEqual(['application', 'decision', 'change_application']);
    await assoc.call('subsidy.steps.deleteLast', { id: changed.steps.at(-1)!.id, version: changed.version });
    expect((await booked()).map((s) => s.amount)).toEqual([again.steps[0]!.amount]);
  });

  it('lets the association make the letters its own centers submit, and refuses another 医師会’s center and the prefecture’s letters, naming who makes them', async () => {
    const staff = await as('staff');
    const assoc = await as('assoc');
    const registered = async () => (await admin.database.selectFrom('documentRegister').select('id').execute()).length;
    const numbered = await registered();
    const sheetsOf = async (file: { data: string }) => {
      const workbook = await readWorkbook(file.data);
      return workbook.worksheets.map((sheet) => {
        const values: string[] = [];
        sheet.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
        return { name: sheet.name, values };
      });
    };

    // Its center's 交付申請書: the very letter the prefecture would print of it, from its 医師会's 会長 to the 知事.
    const request = { fiscalYear: 2023, kind: 'application' as const, centerIds: [mine.id] };
    const [letter] = await assoc.call('subsidy.letters.data', request);
    expect(letter).toMatchObject({ document: '交付申請書', center: { id: mine.id }, addressee: expect.stringMatching(/知事　様$/) });
    expect(letter!.figures[0]!.amount).toBeGreaterThan(0);
    expect(await assoc.call('subsidy.letters.data', request)).toEqual(await staff.call('subsidy.letters.data', request));
    const file = await assoc.call('report.set', { name: 'subsidy.letter.application', fy: 2023, centerIds: [mine.id], format: 'xlsx' });
    const [sheet] = await sheetsOf(file);
    expect(sheet!.values).toContain('令和5年度新潟県在宅医療推進センター整備事業補助金交付申請書');
    expect(sheet!.values.some((v) => v.includes(mine.name))).toBe(true);
    // Naming no center: the letters of the centers its 医師会 runs, and of no other.
    const own = (await assoc.call('masters.centers.list', { fiscalYear: 2023 })).map((c) => c.name);
    const all = await sheetsOf(await assoc.call('report.set', { name: 'subsidy.letter.application', fy: 2023, format: 'xlsx' }));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((s) => own.includes(s.name))).toBe(true);
    // Its 実績報告書 cites the 交付決定 by the step's 指令番号: the register is the prefecture's, not read for it.
    const [report] = await assoc.call('subsidy.letters.data', { fiscalYear: 2023, kind: 'actual_report', centerIds: [mine.id] });
    expect(report!.lead).toMatch(/付け.+で交付決定の通知があった/);

    // Another 医師会's center: refused by the core, naming who makes its letters.
    const otherCenter = {
      code: 'refused',
      message: `センター（番号 ${theirs.id}）はほかの医師会の運営のため、その交付申請書は作成できません。そのセンターを運営する医師会の事務局か、県の担当者が作成します。`,
    };
    await expect(
      assoc.call('report.set', { name: 'subsidy.letter.application', fy: 2023, centerIds: [mine.id, theirs.id], format: 'xlsx' }),
    ).rejects.toMatchObject(otherCenter);
    await expect(assoc.call('subsidy.letters.data', { ...request, centerIds: [theirs.id] })).rejects.toMatchObject(otherCenter);
    // A 交付決定通知書 (numbered from the register) is the prefecture's, of its own center too.
    await expect(
      assoc.call('report.set', { name: 'subsidy.letter.decision', fy: 2023, centerIds: [mine.id], format: 'xlsx' }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: '医師会・事務局の役割では「文書の作成（交付決定通知書）」はできません。必要なときは県の担当者に依頼してください。',
    });
    await expect(assoc.call('subsidy.letters.data', { ...request, kind: 'settlement' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringContaining('「補助金の文書の内容（額の確定通知書）」はできません。必要なときは県の担当者に依頼してください。'),
    });
    await expect(assoc.call('subsidy.letters.issue', { fiscalYear: 2023, kind: 'decision', date: '2023-05-19' })).rejects.toMatchObject({
      code: 'refused',
    });
    // No number taken for any of it.
    expect(await registered()).toBe(numbered);
  });

  it('keeps the prefecture’s terms of a center (補助区分, 区分, 運営主体, 対象市町村) from the association, in words and in SQL', async () => {
    const assoc = await as('assoc');
    const own = editable((await assoc.call('masters.centers.list', { fiscalYear: 2023 })).find((c) => c.id === mine.id)!);
    const other = own.subsidyClass === 'other_county' ? 'large_county' : 'other_county';
    await expect(
      assoc.call('masters.centers.save', { ...own, subsidyClass: other, role: own.role === 'core' ? 'regional' : 'core' }),
    ).rejects.toMatchObject({
      code: 'refused',
      message:
        'センターの「区分」「補助区分」は補助金の算定にかかわるため、医師会・事務局の役割では変えられません。何も保存していません。変更が必要なときは県の担当者に依頼してください。',
    });
    await expect(assoc.call('masters.centers.save', { ...own, municipalityCodes: own.municipalityCodes.slice(1) })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/^センターの「対象市町村」は/),
    });
    await expect(assoc.call('masters.centers.save', { ...own, operatorAssociationId: null })).rejects.toMatchObject({
      message: expect.stringMatching(/^センターの「運営主体」は/),
    });
    // Nor a center of its own making: the prefecture adds centers, terms and all.
    const { id: _id, version: _version, ...fresh } = own;
    await expect(assoc.call('masters.centers.save', { ...fresh, name: '新しいセンター（医師会が追加）' })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/^センターの追加は県の担当者が行います/),
    });
    // Its own fields still save, the terms as they were (the members in another order are the same members).
    const saved = await assoc.call('masters.centers.save', {
      ...own,
      contact: '事務局 025-000-0000',
      municipalityCodes: [...own.municipalityCodes].reverse(),
    });
    expect(saved).toMatchObject({ contact: '事務局 025-000-0000', subsidyClass: own.subsidyClass, role: own.role });
    // 山田's 算定 rests on the 補助区分 still.
    const kept = await admin.database
      .selectFrom('center')
      .select(['subsidyClass', 'role', 'operatorAssociationId'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ subsidyClass: own.subsidyClass, role: own.role, operatorAssociationId: own.operatorAssociationId });

    // Its own login, straight to PostgreSQL: the terms' columns and the members are not its to write.
    await direct('assoc', async (client) => {
      for (const text of [
        `UPDATE center SET subsidy_class = subsidy_class WHERE id = $1`,
        `UPDATE center SET role = role WHERE id = $1`,
        `UPDATE center SET operator_association_id = NULL WHERE id = $1`,
        `DELETE FROM center_member WHERE center_id = $1`,
      ])
        await expect(client.query(text, [mine.id]), text).rejects.toMatchObject({ code: '42501' });
      expect((await client.query(`UPDATE center SET contact = contact WHERE id = $1`, [mine.id])).rowCount).toBe(1);
    });
  });

  /** What each role may do to each table through a direct connection; tables not listed: 県・担当 all, 県・閲覧 read, the association nothing. */
  const ASSOCIATION: Record<string, string> = {
    setting: 'S',
    prefecture: 'S',
    municipality: 'S',
    population: 'S',
    area: 'S',
    area_member: 'S',
    medical_association: 'S',
    association_member: 'S',
    institution: 'S',
    designation: 'S',
    designation_partner: 'S',
    subsidy_rules: 'S',
    survey_definition: 'S',
    survey_definition_version: 'S',
    survey_round: 'S',
    survey_round_target: 'S',
    kysely_migration: 'S',
    kysely_migration_lock: 'S',
    account: 'S',
    // Column-level SELECT (who, when, which record) lets count(*) through; the contents stay denied (below).
    audit_log: 'SI',
    // UPDATE of its own columns only (the test below): the name, probed here, is one of them.
    center: 'SU',
    center_member: 'S',
    linkage_item: 'SIUD',
    subsidy_step: 'SID',
    subsidy_tax_credit: 'SIUD',
    survey_answer: 'SIUD',
    survey_answer_history: 'SI',
  };
  const STAFF: Record<string, string> = { account: 'S', audit_log: 'SI', kysely_migration: 'S', kysely_migration_lock: 'S' };
  // The viewer changes nothing; a 提出資料一式 it makes is recorded in the audit log.
  const VIEWER: Record<string, string> = { audit_log: 'SI' };

  it('lets an association record the 連携推進事業 of the municipalities its centers cover, 直営 items too, and no other municipality’s', async () => {
    // A 医師会 whose one center covers a single municipality (the demo's 新潟市医師会), signed in as its secretariat.
    const covering = await admin.database
      .selectFrom('centerMember')
      .innerJoin('center', 'center.id', 'centerMember.centerId')
      .select(['center.id', 'center.operatorAssociationId'])
      .select((eb) => eb.fn.countAll<number>().as('members'))
      .where('center.operatorAssociationId', 'is not', null)
      .groupBy(['center.id', 'center.operatorAssociationId'])
      .orderBy('center.id')
      .execute();
    const small = covering.find((c) => Number(c.members) === 1)!;
    const ownCode = (
      await admin.database.selectFrom('centerMember').select('municipalityCode').where('centerId', '=', small.id).executeTakeFirstOrThrow()
    ).municipalityCode;
    const otherCode = (await admin.call('masters.municipalities.list', {})).find((m) => m.code !== ownCode)!;
    const { login, core: ito } = await addAssociationPerson('ito', '伊藤', small.operatorAssociationId!);
    try {
      // Its municipality as the prefecture has it, 直営 items included (not blanks where they are not its center's).
      const asPrefecture = await admin.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: ownCode });
      expect(asPrefecture.some((i) => i.mode === 'direct')).toBe(true);
      const asItSees = await ito.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: ownCode });
      expect(asItSees).toEqual(asPrefecture);
      // Saved with a note, 直営 items and all.
      const items = asItSees.map(({ item, mode, centerId, entrustedBody, jointWith, note }) => ({
        item,
        mode,
        centerId,
        entrustedBody,
        jointWith,
        note,
      }));
      const saved = await ito.call('masters.linkage.save', {
        municipalityCode: ownCode,
        fiscalYear: 2023,
        items: items.map((i, n) => (n === 0 ? { ...i, note: '医師会が記入' } : i)),
        version: asItSees[0]!.version,
      });
      expect(saved.map((i) => [i.item, i.mode, i.note])).toEqual(items.map((i, n) => [i.item, i.mode, n === 0 ? '医師会が記入' : i.note]));

      // Another municipality, even a year with nothing recorded: not its to say it entrusts its work to this 医師会's center.
      const claim = ['a', 'b'].map((item) => ({
        item,
        mode: 'entrusted' as const,
        centerId: small.id,
        entrustedBody: '',
        jointWith: [],
        note: '',
      }));
      await expect(
        ito.call('masters.linkage.save', { municipalityCode: otherCode.code, fiscalYear: 2026, items: claim, version: 0 }),
      ).rejects.toMatchObject({
        code: 'refused',
        message: `${otherCode.name}は、この医師会のセンターの対象市町村ではないため、連携推進事業を登録できません。何も保存していません。必要なときは県の担当者に依頼してください。`,
      });
      expect(await admin.call('masters.linkage.list', { fiscalYear: 2026, municipalityCode: otherCode.code })).toEqual([]);
      // … nor through its own login in SQL.
      await directAs(login, (client) =>
        expect(
          client.query(
            `INSERT INTO linkage_item (municipality_code, fiscal_year, item, mode, center_id, entrusted_body, joint_with, note, version) VALUES ($1, 2026, 'a', 'entrusted', $2, '', '[]', '', 1)`,
            [otherCode.code, small.id],
          ),
        ).rejects.toThrow(/row-level security/),
      );
    } finally {
      await ito.close();
    }
  });

  it('keeps what another 医師会’s center holds in a covered municipality out of an association’s reach, in the app and in SQL', async () => {
    // The 県医師会: its 基幹 center covers every municipality, where other 医師会's centers hold entrusted items.
    const kikan = await admin.database
      .selectFrom('center')
      .select(['id', 'operatorAssociationId'])
      .where('role', '=', 'core')
      .executeTakeFirstOrThrow();
    /** 令和5年度's items entrusted to the centers of 医師会 other than the 県医師会. */
    const othersEntrusted = () =>
      admin.database
        .selectFrom('linkageItem')
        .innerJoin('center', 'center.id', 'linkageItem.centerId')
        .select(['linkageItem.municipalityCode', 'linkageItem.item', 'linkageItem.centerId'])
        .where('center.operatorAssociationId', '!=', kikan.operatorAssociationId!)
        .where('linkageItem.fiscalYear', '=', 2023)
        .execute();
    const theirs = await othersEntrusted();
    expect(theirs.length).toBeGreaterThan(0);
    const [held] = theirs;
    const { login, core: ken } = await addAssociationPerson('ken', '県医', kikan.operatorAssociationId!);
    try {
      // Saved with the other center's item made 直営: refused in words, nothing changed.
      const seen = await ken.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: held!.municipalityCode });
      const items = seen.map(({ item, mode, centerId, entrustedBody, jointWith, note }) =>
        centerId === held!.centerId
          ? { item, mode: 'direct' as const, centerId: null, entrustedBody: '', jointWith: [], note }
          : { item, mode, centerId, entrustedBody, jointWith, note },
      );
      const name = (
        await admin.database.selectFrom('municipality').select('name').where('code', '=', held!.municipalityCode).executeTakeFirstOrThrow()
      ).name;
      await expect(
        ken.call('masters.linkage.save', { municipalityCode: held!.municipalityCode, fiscalYear: 2023, items, version: seen[0]!.version }),
      ).rejects.toMatchObject({
        code: 'refused',
        message: `${name}の連携推進事業には、ほかの医師会のセンターへの委託があるため、この医師会の役割では保存できません。何も保存していません。必要なときは県の担当者に依頼してください。`,
      });
      // Through its own login in SQL: another's entrusted rows are neither taken over nor deleted.
      await directAs(login, async (client) => {
        const taken = await client.query(`UPDATE linkage_item SET center_id = NULL, mode = 'direct' WHERE center_id = $1`, [
          held!.centerId,
        ]);
        expect(taken.rowCount).toBe(0);
        await client.query('DELETE FROM linkage_item');
      });
      expect(await othersEntrusted()).toEqual(theirs);
    } finally {
      await ken.close();
    }
  });

  it('gives each login no more than its role on every table, through a direct connection', async () => {
    const tables = (
      await direct('staff', (c) =>
        c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`),
      )
    ).rows.map((r) => r.name);
    expect(tables).toContain('fund_project');
    const expected = (who: Login, table: string) =>
      who === 'staff' ? (STAFF[table] ?? 'SIUD') : who === 'viewer' ? (VIEWER[table] ?? 'S') : (ASSOCIATION[table] ?? '');
    for (const who of ['staff', 'viewer', 'assoc'] as const) {
      const got = await direct(who, async (client) => {
        const allowed: Record<string, string> = {};
        for (const table of tables) {
          const column = (
            await client.query<{ name: string }>(
              `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attidentity = '' ORDER BY attnum LIMIT 1`,
              [table],
            )
          ).rows[0]!.name;
          // Nothing is changed: every statement touches no row, so only the privileges decide (a column the database does not
          // number itself: no one may choose an audit entry's number).
          const tries: [string, string][] = [
            ['S', `SELECT count(*) FROM "${table}"`],
            ['I', `INSERT INTO "${table}" ("${column}") SELECT NULL WHERE false`],
            ['U', `UPDATE "${table}" SET "${column}" = "${column}" WHERE false`],
            ['D', `DELETE FROM "${table}" WHERE false`],
          ];
          let letters = '';
          for (const [letter, text] of tries) {
            try {
              await client.query(text);
              letters += letter;
            } catch (error) {
              if ((error as { code?: string }).code !== '42501') throw error;
            }
          }
          allowed[table] = letters;
        }
        return allowed;
      });
      expect(got, who).toEqual(Object.fromEntries(tables.map((t) => [t, expected(who, t)])));
    }
  });

  it('narrows the association to its centers and keeps decisions out of its reach, even in SQL', async () => {
    await direct('assoc', async (client) => {
      const centers = (await client.query<{ id: number }>('SELECT id FROM center ORDER BY id')).rows.map((r) => r.id);
      const all = await admin.database.selectFrom('center').select(['id', 'operatorAssociationId']).orderBy('id').execute();
      expect(centers).toEqual(all.filter((c) => c.operatorAssociationId === associationA).map((c) => c.id));
      const steps = (await client.query<{ center_id: number }>('SELECT DISTINCT center_id FROM subsidy_step')).rows.map((r) => r.center_id);
      expect(steps.every((id) => centers.includes(id))).toBe(true);
      // The contents of the audit log are not theirs; who changed what when is (for the conflict message).
      await expect(client.query('SELECT before_json FROM audit_log')).rejects.toMatchObject({ code: '42501' });
      await client.query('SELECT at, display_name, entity, entity_id FROM audit_log LIMIT 1');

      const insert = (centerId: number, kind: string) =>
        client.query(
          `INSERT INTO subsidy_step (center_id, fiscal_year, kind, dated_on, order_no, amount, reason, override, entered_by, created_at)
           VALUES ($1, 2030, $2, '2030-05-01', '', 1, '', 0, 'x', 'x')`,
          [centerId, kind],
        );
      await client.query('BEGIN');
      try {
        await expect(insert(mine.id, 'decision')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await client.query('ROLLBACK');
      }
      await client.query('BEGIN');
      try {
        await expect(insert(mine.id, 'settlement')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await client.query('ROLLBACK');
      }
      await client.query('BEGIN');
      try {
        await expect(insert(theirs.id, 'application')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await client.query('ROLLBACK');
      }
      await client.query('BEGIN');
      await insert(mine.id, 'application');
      await client.query('ROLLBACK');
      // Nor can it take back the prefecture's steps of its own center: its deletes reach only the steps it enters.
      const kinds = (await client.query<{ kind: string }>('SELECT kind FROM subsidy_step WHERE center_id = $1', [mine.id])).rows.map(
        (r) => r.kind,
      );
      expect(kinds).toContain('decision');
      await client.query('BEGIN');
      try {
        expect((await client.query(`DELETE FROM subsidy_step WHERE center_id = $1 AND kind = 'decision'`, [mine.id])).rowCount).toBe(0);
        expect(
          (await client.query(`DELETE FROM subsidy_step WHERE center_id = $1 AND kind = 'application'`, [mine.id])).rowCount,
        ).toBeGreaterThan(0);
      } finally {
        await client.query('ROLLBACK');
      }
      // Another association's center is not there to change.
      expect((await client.query(`UPDATE center SET contact = 'x' WHERE id = $1`, [theirs.id])).rowCount).toBe(0);
      // Nor can they make themselves 県・担当.
      await expect(client.query(`SELECT renkei_account_role($1, 'pref_staff', NULL)`, [logins.assoc])).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query(`UPDATE account SET role = 'pref_staff'`)).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('manages accounts for 県・担当: add, reset a password, change a role, disable — audited, the password never stored', async () => {
    const staff = await as('staff');
    const kato = `${prefix}kato`;
    await staff.call('accounts.add', { login: kato, displayName: '加藤', password: PASSWORD, role: 'pref_viewer' });
    await expect(
      staff.call('accounts.add', { login: kato, displayName: '加藤', password: PASSWORD, role: 'pref_viewer' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(`「${kato}」はデータベースサーバーですでに使われています`),
    });
    const signIn = async (password: string) => {
      const client = new pg.Client({ ...connection, user: kato, password, ssl: false });
      try {
        await client.connect();
        return (await client.query<{ u: string }>('SELECT session_user AS u')).rows[0]!.u;
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    // The test server trusts loopback connections, so the password is checked where the server keeps it (a hash; superuser only).
    const stored = async () =>
      (await sql<{ p: string }>`SELECT rolpassword AS p FROM pg_authid WHERE rolname = ${kato}`.execute(admin.database)).rows[0]!.p;
    expect(await signIn(PASSWORD)).toBe(kato);
    const first = await stored();
    expect(first).toMatch(/^SCRAM-SHA-256\$|^md5/);
    await staff.call('accounts.resetPassword', { login: kato, password: 'another-long-password' });
    expect(await stored()).not.toBe(first);
    expect(await signIn('another-long-password')).toBe(kato);
    const changed = await staff.call('accounts.setRole', { login: kato, role: 'assoc', associationId: associationA });
    expect(changed).toMatchObject({ login: kato, role: 'assoc', associationId: associationA });
    const katoCore = await Core.open({ connection: { ...connection, user: kato, password: 'another-long-password' }, workDir: tempDir() });
    try {
      expect(
        (await katoCore.call('masters.centers.list', { fiscalYear: 2023 })).every((c) => c.operatorAssociationId === associationA),
      ).toBe(true);
    } finally {
      await katoCore.close();
    }
    expect(await staff.call('accounts.disable', { login: kato })).toMatchObject({ disabled: true });
    await expect(signIn('another-long-password')).rejects.toThrow();

    const { entries } = await staff.call('audit.list', { entity: 'account', entityId: kato });
    expect(entries.map((e) => [e.operation, e.osUser])).toEqual([
      ['accounts.disable', logins.staff],
      ['accounts.setRole', logins.staff],
      ['accounts.resetPassword', logins.staff],
      ['accounts.add', logins.staff],
    ]);
    expect(JSON.stringify(entries)).not.toContain('another-long-password');
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    // A login the database knows but Renkei does not is refused at sign-in.
    await expect(
      Core.open({ connection: { ...connection, user: kato, password: 'another-long-password' }, workDir: tempDir() }),
    ).rejects.toThrow();
    // Enabled again: the same login and password sign in, and the log says who let them back.
    expect(await staff.call('accounts.enable', { login: kato })).toMatchObject({ disabled: false });
    expect(await signIn('another-long-password')).toBe(kato);
    const again = await staff.call('audit.list', { entity: 'account', entityId: kato });
    expect([again.entries[0]!.operation, again.entries[0]!.osUser]).toEqual(['accounts.enable', logins.staff]);
  });

  it('names the signed-in person on a survey answer, not the 表示名 someone typed in 設定', async () => {
    const staff = await as('staff');
    const assoc = await as('assoc');
    // 山田 types a 表示名 in 設定: it is the database's, shared by everyone.
    await staff.call('settings.update', { displayName: '山田（設定で入力）' });
    try {
      const round = (await assoc.call('survey.rounds.list', {})).find(
        (r) => r.fiscalYear === 2023 && r.definitionName === 'センター人員配置状況調査',
      )!;
      const at = { roundId: round.id, targetId: String(mine.id) };
      const shown = await assoc.call('survey.answers.get', at);
      const answers = { director_post: 'chairman', staff: [{ job: 'nurse', employment: 'full_time', fte: 100, role: 'coordinator' }] };
      const saved = await assoc.call('survey.answers.save', { ...at, answers, version: shown.version });
      expect(saved.savedBy).toBe('鈴木');
      await staff.call('survey.answers.delete', at);
      const after = await staff.call('survey.answers.get', at);
      expect(after.current).toBeNull();
      expect([after.history[0]!.savedBy, after.history[0]!.replacedBy]).toEqual(['鈴木', '山田']);
    } finally {
      await staff.call('settings.update', { displayName: '' });
    }
  });
});
