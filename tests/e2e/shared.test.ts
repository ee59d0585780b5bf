/**
 * Shared mode end to end: one loopback host on a PostgreSQL database named
 * without a login, three people signing in from three browsers — two officers
 * (県・担当) and the association's secretariat (医師会・事務局). One officer's
 * save appears on the other's screen without a reload; the other's save of the
 * older copy is refused with the conflict message; the secretariat is offered
 * no 交付決定, and its own login cannot change a decision even over SQL; it
 * prints the letters its centers submit, and none of the prefecture's. A
 * fourth, 県・閲覧, reads every screen and is offered nothing to change.
 * Skipped without RENKEI_TEST_PG.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '@core/core';
import type { PgConnection } from '@core/kernel/db/postgres';
import { groupRoles, setupSharedRoles } from '@core/kernel/db/roles';
import { STEP_KIND_LABELS, type SubsidyCenterResult } from '@shared/contract/subsidy';
import { isoDateOfLocal } from '@shared/dates';
import { suggestedStepDate } from '@shared/subsidy/lifecycle';
import { useApp } from '@tests/support/app';
import { freshPgDatabase, skipWithoutPg } from '@tests/support/engines';
import { readPdf } from '@tests/support/pdf';
import { MAIN_SCREENS, offeredEdits, sweep, typableFormBoxes } from '@tests/support/readOnly';
import { type ServeProcess, startServeProcess } from '@tests/support/serve';

const PASSWORD = 'correct-horse-battery';
/** Where the 県・閲覧 screenshots go, for a person to look at. */
const SHOTS = '/tmp/shots-viewer';

describe.skipIf(skipWithoutPg())('three people on one shared database', () => {
  const { open, tempDir } = useApp();
  const prefix = `e${crypto.randomBytes(4).toString('hex')}_`;
  const logins = {
    yamada: `${prefix}yamada`,
    tanaka: `${prefix}tanaka`,
    suzuki: `${prefix}suzuki`,
    sato: `${prefix}sato`,
    ito: `${prefix}ito`,
  };
  let connection: PgConnection;
  let drop: () => Promise<void>;
  let host: ServeProcess;
  /** A center of suzuki's 医師会 and a year whose 要綱 lets steps be entered. */
  let center: { id: number; fiscalYear: number; nextKinds: readonly string[] };
  /** A center another 医師会 runs. */
  let otherCenter: number;
  /** suzuki's 医師会 and the names of its centers, as the 台帳 has them. */
  let association: { name: string; centers: string[] };

  beforeAll(async () => {
    ({ connection, drop } = await freshPgDatabase());
    const admin = await Core.open({ connection, workDir: tempDir(), osUser: 'it-admin' });
    try {
      await admin.call('app.demo.load', {});
      await setupSharedRoles(admin.database, { rolePrefix: prefix });
      const operated = (await admin.database.selectFrom('center').select(['id', 'operatorAssociationId']).orderBy('id').execute()).filter(
        (c) => c.operatorAssociationId !== null,
      );
      const associationId = operated[0]!.operatorAssociationId!;
      otherCenter = operated.find((c) => c.operatorAssociationId !== associationId)!.id;
      association = {
        name: (await admin.call('masters.associations.list', {})).find((a) => a.id === associationId)!.name,
        centers: (
          await admin.database
            .selectFrom('center')
            .select('name')
            .where('operatorAssociationId', '=', associationId)
            .orderBy('id')
            .execute()
        ).map((c) => c.name),
      };
      await admin.call('accounts.add', { login: logins.yamada, displayName: '山田', password: PASSWORD, role: 'pref_staff' });
      await admin.call('accounts.add', { login: logins.tanaka, displayName: '田中', password: PASSWORD, role: 'pref_staff' });
      await admin.call('accounts.add', { login: logins.sato, displayName: '佐藤', password: PASSWORD, role: 'pref_viewer' });
      await admin.call('accounts.add', { login: logins.ito, displayName: '伊藤', password: PASSWORD, role: 'pref_staff' });
      await admin.call('accounts.add', {
        login: logins.suzuki,
        displayName: '鈴木',
        password: PASSWORD,
        role: 'assoc',
        associationId,
      });
      // Preferably a center whose next step is the prefecture's 交付決定: the secretariat must not be offered it.
      const candidates: { id: number; fiscalYear: number; nextKinds: readonly string[] }[] = [];
      for (const c of operated.filter((o) => o.operatorAssociationId === associationId))
        for (const fiscalYear of [2023, 2024, 2025]) {
          const result = await admin.call('subsidy.center', { centerId: c.id, fiscalYear });
          if (result.rules) candidates.push({ id: c.id, fiscalYear, nextKinds: result.state.nextKinds });
        }
      center = candidates.find((c) => c.nextKinds.includes('decision')) ?? candidates[0]!;
      expect(center).toBeDefined();
    } finally {
      await admin.close();
    }
    const url = `postgres://${connection.host}:${connection.port ?? 5432}/${connection.database}?sslmode=disable`;
    host = await startServeProcess(url, undefined, path.join(tempDir(), 'user-data'));
  }, 600_000);

  afterAll(async () => {
    await host?.stop();
    await drop?.();
    const client = new pg.Client({ ...connection, database: 'postgres', ssl: false });
    await client.connect();
    try {
      for (const role of [...Object.values(logins), ...Object.values(groupRoles(prefix))])
        await client.query(`DROP ROLE IF EXISTS "${role}"`);
    } finally {
      await client.end();
    }
  });

  async function signIn(login: string, password = PASSWORD): Promise<Page> {
    const { page } = await open(host.url);
    expect(await page.getByTestId('sign-in-server').textContent()).toBe(
      `${connection.host}:${connection.port ?? 5432}/${connection.database}`,
    );
    await page.getByLabel('ユーザー名').fill(login);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByTestId('topbar-who').waitFor();
    return page;
  }

  it('signs each person in, shows others’ changes without a reload, refuses a stale save and keeps 交付決定 from the secretariat', async () => {
    // A login the server does not know: said plainly, and the screen stays for another try.
    const { page: stranger } = await open(host.url);
    await stranger.getByLabel('ユーザー名').fill(`${prefix}nobody`);
    await stranger.getByLabel('パスワード').fill(PASSWORD);
    await stranger.getByRole('button', { name: 'サインイン' }).click();
    await expect.poll(() => stranger.getByRole('alert').textContent()).toContain('ユーザー名またはパスワードが違います');

    const yamada = await signIn(logins.yamada);
    const tanaka = await signIn(logins.tanaka);
    const suzuki = await signIn(logins.suzuki);
    expect(await yamada.getByTestId('topbar-who').textContent()).toBe('山田（県・担当）サインアウト');
    expect(await suzuki.getByTestId('topbar-who').textContent()).toBe('鈴木（医師会・事務局）サインアウト');

    // Both officers open the same project of the 2023 table; 田中 keeps its drawer open on the copy read now.
    const openProject = async (page: Page) => {
      await page.goto(`${host.url}#/fund`);
      await page.getByLabel('年度', { exact: true }).selectOption('2023');
      const table = page.getByRole('table', { name: '年度の事業と金額' });
      await table.waitFor();
      const first = table.locator('tbody tr button').first();
      const name = (await first.textContent())!;
      await first.click();
      return { drawer: page.getByRole('dialog'), name };
    };
    const mine = await openProject(yamada);
    const theirs = await openProject(tanaka);
    expect(theirs.name).toBe(mine.name);
    const renamed = `${mine.name}（山田が改称）`;
    await mine.drawer.getByLabel('事業名').fill(renamed);
    await mine.drawer.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => yamada.locator('.toasts').textContent()).toContain('保存しました');
    // No 元に戻す where the core keeps no journal (it would be refused): not with the message, not in the top bar.
    expect(await yamada.locator('.toasts').getByRole('button', { name: '元に戻す' }).count()).toBe(0);
    expect(await yamada.locator('.undo-buttons').count()).toBe(0);

    // 田中's table shows the new name without a reload.
    await expect.poll(() => tanaka.locator('table', { hasText: renamed }).count()).toBeGreaterThan(0);
    // 田中 saves the copy read before 山田's change: refused, naming who changed it; nothing of it is written.
    await theirs.drawer.getByLabel('事業の内容').fill('田中が書いた内容');
    await theirs.drawer.getByRole('button', { name: '保存する' }).click();
    await expect
      .poll(() => theirs.drawer.textContent())
      .toMatch(/山田.*変更しました。今の入力は保存していません。再読み込みしてください。/);
    await yamada.reload();
    await yamada.goto(`${host.url}#/fund`);
    await yamada.getByLabel('年度', { exact: true }).selectOption('2023');
    await expect.poll(() => yamada.locator('table', { hasText: renamed }).count()).toBeGreaterThan(0);

    // The secretariat, on its own center: no 交付決定 on its screen, and its session refused one through the host in Japanese.
    await suzuki.goto(`${host.url}#/subsidy/${center.fiscalYear}/centers/${center.id}`);
    await suzuki.locator('.content h1').waitFor();
    // The center's page comes whole (its 要綱 without the linked 基金 project, which the association may not read).
    await suzuki.locator('.content').getByText('次の手続き').first().waitFor();
    expect(await suzuki.locator('.content').getByText('読み込めませんでした').count()).toBe(0);
    expect(await suzuki.getByRole('radio', { name: '交付決定' }).count()).toBe(0);
    expect(await suzuki.getByRole('button', { name: '交付決定を記録する' }).count()).toBe(0);
    const refused = await suzuki.evaluate(
      async (input) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="renkei-token"]')!.content;
        const response = await fetch('./api/subsidy.steps.add', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-renkei-token': token },
          body: JSON.stringify(input),
        });
        return response.json();
      },
      { centerId: center.id, fiscalYear: center.fiscalYear, kind: 'decision', datedOn: `${center.fiscalYear}-06-01`, amount: 1_000_000 },
    );
    expect(refused.error.message).toBe(
      '医師会・事務局の役割では「補助金の手続きの登録（交付決定）」はできません。必要なときは県の担当者に依頼してください。',
    );

    // … and its own login, straight to PostgreSQL, cannot change a decision either.
    const direct = new pg.Client({ ...connection, user: logins.suzuki, password: PASSWORD, ssl: false });
    await direct.connect();
    try {
      await expect(direct.query(`UPDATE subsidy_step SET amount = amount + 1 WHERE kind = 'decision'`)).rejects.toMatchObject({
        code: '42501',
      });
    } finally {
      await direct.end();
    }

    // サインアウト: back to the sign-in screen, and the page's session no longer reaches the database.
    await suzuki.getByRole('button', { name: 'サインアウト' }).click();
    await suzuki.getByRole('heading', { name: 'サインイン' }).waitFor();
  });

  /** An operation called from the page, as its screens call it: the host's answer. */
  const call = (page: Page, name: string, input: unknown) =>
    page.evaluate(
      async ([name, input]) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="renkei-token"]')!.content;
        const response = await fetch(`./api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-renkei-token': token },
          body: JSON.stringify(input),
        });
        return response.json();
      },
      [name, input] as const,
    );

  it('applies a new role and 利用停止 at once to someone signed in: the top bar changes, then the page signs them out', async () => {
    const yamada = await signIn(logins.yamada);
    const ito = await signIn(logins.ito);
    expect(await ito.getByTestId('topbar-who').textContent()).toBe('伊藤（県・担当）サインアウト');
    // Not one's own role: refused up front, saying why (not by the database, by accident).
    expect((await call(yamada, 'accounts.setRole', { login: logins.yamada, role: 'pref_viewer', associationId: null })).error.message).toBe(
      '自分自身の役割は変えられません。ほかの県・担当の方に依頼してください。',
    );

    // Made 県・閲覧 by 山田: 伊藤's top bar says so without a reload, and a save is refused for that role, not the old one.
    expect((await call(yamada, 'accounts.setRole', { login: logins.ito, role: 'pref_viewer', associationId: null })).ok).toBe(true);
    await expect.poll(() => ito.getByTestId('topbar-who').textContent(), { timeout: 20_000 }).toBe('伊藤（県・閲覧）サインアウト');
    const save = { governorName: '伊藤が変更' };
    expect((await call(ito, 'settings.update', save)).error.message).toMatch(/^県・閲覧の役割では/);

    // 利用停止 while signed in (and made 県・担当 again, so only the stop keeps the save out): the page goes to the sign-in screen, saying why.
    expect((await call(yamada, 'accounts.setRole', { login: logins.ito, role: 'pref_staff', associationId: null })).ok).toBe(true);
    await expect.poll(() => ito.getByTestId('topbar-who').textContent(), { timeout: 20_000 }).toBe('伊藤（県・担当）サインアウト');
    expect((await call(yamada, 'accounts.disable', { login: logins.ito })).ok).toBe(true);
    await ito.getByRole('heading', { name: 'サインイン' }).waitFor({ timeout: 20_000 });
    expect(await ito.getByRole('alert').textContent()).toBe(
      `ログイン「${logins.ito}」は利用停止になっています。県の担当者に確かめてください。`,
    );
    // Its session reads and writes nothing more: the save is refused with the same message, and the log has nothing by 伊藤 after the stop.
    const refused = await call(ito, 'settings.update', save);
    expect(refused.error.message).toContain('利用停止になっています');
    expect((await call(ito, 'masters.associations.list', {})).error.message).toContain('利用停止になっています');
    const log = (await call(yamada, 'audit.list', {})).value;
    expect(JSON.stringify(log)).not.toContain('伊藤が変更');
  });

  it('signs in a login typed in capitals or full-width letters', async () => {
    // 「ＥＡＢ…＿ＳＡＴＯ」: each ASCII character as its full-width form, upper-cased.
    const typed = [...logins.sato.toUpperCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const sato = await signIn(` ${typed} `);
    expect(await sato.getByTestId('topbar-who').textContent()).toBe('佐藤（県・閲覧）サインアウト');
  });

  it('keeps what an officer types into 設定 when a colleague saves the settings, says so, and saves only what was typed', async () => {
    const yamada = await signIn(logins.yamada);
    const tanaka = await signIn(logins.tanaka);
    await tanaka.goto(`${host.url}#/settings`);
    await tanaka.getByLabel('知事の氏名').fill('田中が入力中');
    expect((await call(yamada, 'settings.update', { personInCharge: '山田が保存した担当者' })).ok).toBe(true);
    const notice = tanaka.getByRole('alert').filter({ hasText: 'ほかの方が変更しました' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await tanaka.getByLabel('知事の氏名').inputValue()).toBe('田中が入力中');
    // Saved as it is: 田中's field, and 山田's担当者 stays (the form did not send its older copy of it).
    await tanaka.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => tanaka.locator('.toasts').textContent()).toContain('設定を保存しました');
    expect(await notice.count()).toBe(0);
    const saved = (await call(yamada, 'settings.get', {})).value;
    expect(saved).toMatchObject({ governorName: '田中が入力中', personInCharge: '山田が保存した担当者' });
    expect(await tanaka.getByLabel('担当者', { exact: true }).inputValue()).toBe('山田が保存した担当者');
  });

  it('says over a survey answer being typed that a colleague saved it meanwhile; an untouched form takes the new answer', async () => {
    const HUB = '新潟県医師会在宅医療推進センター';
    const yamada = await signIn(logins.yamada);
    const tanaka = await signIn(logins.tanaka);
    await tanaka.goto(`${host.url}#/survey`);
    await tanaka
      .getByRole('table', { name: 'センター人員配置状況調査の回' })
      .getByRole('link', { name: '令和5年度 郡市医師会在宅医療推進センター人員配置状況' })
      .click();
    await tanaka.getByRole('list', { name: '未回収のセンター' }).getByRole('button', { name: HUB }).click();
    const drawer = tanaka.getByRole('dialog', { name: `${HUB}の回答` });
    await drawer.getByLabel('副会長', { exact: true }).check();
    // 山田 answers first, from another screen.
    const round = (await call(yamada, 'survey.rounds.list', {})).value.find(
      (r: { fiscalYear: number; definitionName: string }) => r.fiscalYear === 2023 && r.definitionName === 'センター人員配置状況調査',
    );
    const target = (await call(yamada, 'survey.rounds.get', { id: round.id })).value.targets.find((t: { name: string }) => t.name === HUB);
    const at = { roundId: round.id, targetId: target.id };
    const answer = async (fte: number) => {
      const { version } = (await call(yamada, 'survey.answers.get', at)).value;
      const staff = [{ job: 'nurse', employment: 'full_time', fte, role: 'coordinator' }];
      expect((await call(yamada, 'survey.answers.save', { ...at, answers: { director_post: 'chairman', staff }, version })).ok).toBe(true);
    };
    await answer(100);

    // 田中 is told, without saving, and 再読み込み brings 山田's answer, 田中's typing kept below.
    const notice = tanaka.getByRole('alert').filter({ hasText: 'ほかの人が変更しました' });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('この画面を開いたあとに、ほかの人（山田）が回答を保存しました。');
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => drawer.getByLabel('1行目の常勤換算').inputValue()).toBe('1.00');
    expect(await drawer.getByLabel('会長', { exact: true }).isChecked()).toBe(true);
    expect(await drawer.locator('.conflict-notice__unsaved').textContent()).toContain('センター長の医師会内役職: 副会長');

    // Untouched since, 田中's form follows 山田's next save by itself.
    await answer(150);
    await expect.poll(() => drawer.getByLabel('1行目の常勤換算').inputValue(), { timeout: 20_000 }).toBe('1.50');
    expect(await tanaka.getByRole('alert').filter({ hasText: 'ほかの人が変更しました' }).count()).toBe(0);
  });

  it('keeps what an officer types into a step when a colleague records one first, naming who', async () => {
    const yamada = await signIn(logins.yamada);
    const tanaka = await signIn(logins.tanaka);
    // A center's year whose next step may be a 概算払 (the demo has none awaiting its 交付決定).
    let found: { id: number; fiscalYear: number; result: SubsidyCenterResult } | undefined;
    for (const fiscalYear of [2023, 2024, 2025]) {
      for (const c of (await call(yamada, 'masters.centers.list', { fiscalYear })).value as { id: number }[]) {
        if (found) continue;
        const result: SubsidyCenterResult = (await call(yamada, 'subsidy.center', { centerId: c.id, fiscalYear })).value;
        if (result.rules && result.state.nextKinds.includes('payment')) found = { id: c.id, fiscalYear, result };
      }
    }
    const { id, fiscalYear, result } = found!;
    await tanaka.goto(`${host.url}#/subsidy/${fiscalYear}/centers/${id}`);
    await tanaka.getByRole('radio', { name: STEP_KIND_LABELS.payment, exact: true }).check();
    await tanaka.getByLabel('文書番号（任意）').fill('新医政第302号');

    // 山田 records a 概算払 first, from another screen.
    const paid = await call(yamada, 'subsidy.steps.add', {
      centerId: id,
      version: result.version,
      fiscalYear,
      kind: 'payment',
      datedOn: suggestedStepDate(fiscalYear, 'payment', result.steps, isoDateOfLocal(new Date())),
      orderNo: '新医政第301号',
      reason: '',
      amount: 1000,
    });
    expect(paid.ok).toBe(true);

    // 田中's form stays as typed, and the notice says who recorded what.
    const notice = tanaka.getByRole('alert').filter({ has: tanaka.getByRole('button', { name: '再読み込み' }) });
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toMatch(
      new RegExp(`^ほかの人が記録しました。 この画面で入力している間に、山田（.+）が${STEP_KIND_LABELS.payment}を記録しました。`),
    );
    expect(await tanaka.getByLabel('文書番号（任意）').inputValue()).toBe('新医政第302号');
    // 再読み込み: the form starts afresh on the steps as they are now, with what 田中 typed kept below.
    await notice.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => tanaka.locator('.conflict-notice__unsaved').textContent()).toContain('番号: 新医政第302号');
    expect(await tanaka.getByLabel('文書番号（任意）').inputValue()).toBe('');
    // The center's year as it was: 山田's 概算払 taken back.
    const now: SubsidyCenterResult = (await call(yamada, 'subsidy.center', { centerId: id, fiscalYear })).value;
    expect((await call(yamada, 'subsidy.steps.deleteLast', { id: now.steps.at(-1)!.id, version: now.version })).ok).toBe(true);
  });

  it('keeps what an officer types into a new 要綱 when a colleague saves that year’s first 要綱, and refuses its save over it', async () => {
    const yamada = await signIn(logins.yamada);
    const tanaka = await signIn(logins.tanaka);
    const fy = 2028;
    for (const page of [yamada, tanaka]) {
      await page.goto(`${host.url}#/subsidy/${fy}/rules`);
      await page.getByText('令和10年度の要綱はまだありません').waitFor();
    }
    await yamada.getByRole('button', { name: '空の要綱から作る' }).click();
    await yamada.getByLabel('要綱の名前').fill('山田が書き始めた要綱');
    for (const box of await yamada.getByLabel(/ 基準額$/).all()) await box.fill('4,453,000');
    // 田中 makes the year's first 要綱 from an earlier year's; 山田's screen learns of it without a reload.
    await tanaka.getByRole('button', { name: /の要綱を写して始める$/ }).click();
    await tanaka.getByLabel('要綱の名前').waitFor();
    await yamada.getByText('空の要綱から作っています').waitFor({ state: 'hidden', timeout: 30_000 });
    // The form was not replaced under 山田's hands: the typing is there, and its save does not overwrite 田中's 要綱.
    expect(await yamada.getByLabel('要綱の名前').inputValue()).toBe('山田が書き始めた要綱');
    await yamada.getByRole('button', { name: '要綱を保存する' }).click();
    await expect.poll(() => yamada.getByRole('alert').filter({ hasText: '保存できませんでした' }).textContent()).toMatch(/田中/);
    await yamada.getByRole('button', { name: '再読み込み' }).click();
    await expect.poll(() => yamada.getByLabel('要綱の名前').inputValue()).toBe(await tanaka.getByLabel('要綱の名前').inputValue());
    expect(await yamada.locator('.conflict-notice__unsaved').textContent()).toContain('山田が書き始めた要綱');
  });

  it('says on ホーム that the server’s administrator backs the database up, offering no backup of its own, and where it is connected', async () => {
    const yamada = await signIn(logins.yamada);
    const card = yamada.getByRole('region', { name: 'バックアップ' });
    await expect.poll(() => card.textContent()).toContain('サーバーの管理者がサーバーで取ります（pg_dump）');
    expect(await card.textContent()).not.toContain('自動で作成');
    expect(await card.getByRole('button').count()).toBe(0);
    expect(await card.getByRole('link').count()).toBe(0);
    const database = yamada.getByRole('region', { name: 'データベース' });
    expect(await database.locator('dt').allTextContents()).toEqual(['接続先']);
    expect(await database.getByTestId('db-path').textContent()).toContain(
      `${connection.host}:${connection.port ?? 5432}/${connection.database}`,
    );
  });

  it('gives the secretariat its own home and menu, and prints a report PDF for a signed-in officer', async () => {
    const suzuki = await signIn(logins.suzuki);
    // Its home: the 医師会's centers with their steps, not the prefecture's (which it may not read) nor 読み込み中 forever.
    await suzuki.getByTestId('assoc-centers').waitFor();
    expect(await suzuki.locator('.page-header').first().textContent()).toContain(association.name);
    const rows = suzuki.getByTestId('assoc-centers').locator('tbody tr');
    await rows.filter({ hasText: association.centers[0] }).first().waitFor();
    expect(await rows.count()).toBe(association.centers.length);
    for (const [i, name] of association.centers.entries()) expect(await rows.nth(i).locator('td').first().textContent()).toContain(name);
    expect(await suzuki.getByRole('heading', { name: '調査・活動実績の提出' }).count()).toBe(1);
    expect(await suzuki.locator('.content').getByText('読み込めませんでした').count()).toBe(0);
    // Opened again, its home asks nothing its role would be refused: app.home, the prefecture's home, was asked ahead of the
    // first drawing on every load and refused (409). What the page asks ahead is asked before its home is drawn.
    const asked: string[] = [];
    suzuki.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname.replace(/^.*\/api\//, ''));
    });
    await suzuki.reload();
    await suzuki.getByTestId('assoc-centers').waitFor();
    expect(asked).toContain('accounts.session');
    expect(asked).not.toContain('app.home');
    // Its menu: no 基金, 会議・研修, 帳票, 監査ログ or 設定 (each would be refused); its sections each open.
    const menu = suzuki.getByRole('navigation', { name: 'メインメニュー' });
    expect((await menu.locator('a').allTextContents()).map((t) => t.replace(/Ctrl\+\d/, ''))).toEqual(['ホーム', '台帳', '補助金', '調査']);
    for (const section of ['masters', 'subsidy', 'survey']) {
      await suzuki.goto(`${host.url}#/${section}`);
      await suzuki.locator('.content h1').waitFor();
      await expect.poll(() => suzuki.locator('.content').textContent(), { timeout: 20_000 }).not.toContain('読み込み中');
      expect(await suzuki.locator('.content [role="alert"]').allTextContents()).toEqual([]);
    }

    // Its own reports print too (the 交付状況一覧 of its centers), through the same browser.
    await suzuki.goto(`${host.url}#/report/view/subsidy.year?fy=${center.fiscalYear}`);
    await expect.poll(() => suzuki.getByTestId('page-count').textContent(), { timeout: 60_000 }).toMatch(/^全\d+ページ$/);

    // An officer prints 「登録状況の概要」 through the host's one browser, and the PDF reads back with its figures.
    const yamada = await signIn(logins.yamada);
    await yamada.goto(`${host.url}#/report/view/summary`);
    await expect.poll(() => yamada.getByTestId('page-count').textContent(), { timeout: 60_000 }).toBe('全1ページ');
    const download = yamada.waitForEvent('download');
    await yamada.getByRole('button', { name: 'PDF を保存' }).click();
    const file = path.join(tempDir(), 'summary.pdf');
    await (await download).saveAs(file);
    const pdf = await readPdf(fs.readFileSync(file));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.text).toContain('登録状況の概要');
    expect(pdf.pages[0]!.text).toContain('台帳');
  });

  it('offers 医師会・事務局 nothing the core would refuse it, and says truly why where it cannot act', async () => {
    const suzuki = await signIn(logins.suzuki);
    await suzuki.setViewportSize({ width: 1366, height: 768 });
    const refusedByDatabase: string[] = [];
    suzuki.on('response', async (r) => {
      if (r.url().includes('/api/') && r.status() >= 400 && (await r.text()).includes('データベースが拒否しました'))
        refusedByDatabase.push(r.url());
    });
    // Every screen: no save, add, new or copy it would be refused (会議資料's 新しい資料を作る, 設定's 写しを作る and 保存する).
    expect(await sweep(suzuki, host.url, [...MAIN_SCREENS, `/subsidy/${center.fiscalYear}/centers/${center.id}`])).toEqual([]);
    // What the contract lets it read, the database lets it read (the 要綱 without its 基金 project).
    expect(refusedByDatabase).toEqual([]);

    // 設定: values to read, and who may change them.
    await suzuki.goto(`${host.url}#/settings`);
    await suzuki.getByLabel('表示名').waitFor();
    expect(await suzuki.getByTestId('settings-who-may').textContent()).toContain('この設定を変えられるのは県・担当の方です');
    expect(await suzuki.getByLabel('表示名').getAttribute('readonly')).not.toBeNull();
    expect(await typableFormBoxes(suzuki)).toEqual([]);
    expect(await suzuki.getByRole('button', { name: '保存する' }).count()).toBe(0);
    await suzuki.screenshot({ path: path.join(SHOTS, 'assoc-settings.png'), fullPage: true });

    // Another 医師会's center, opened by its address: said to be another's.
    await suzuki.goto(`${host.url}#/subsidy/${center.fiscalYear}/centers/${otherCenter}`);
    await suzuki.getByRole('heading', { level: 1 }).waitFor();
    await expect
      .poll(() => suzuki.locator('main').textContent())
      .toContain(`このセンター（番号 ${otherCenter}）はほかの医師会の運営のため表示できません`);
    await suzuki.screenshot({ path: path.join(SHOTS, 'assoc-other-center.png') });
  }, 300_000);

  it('shows 医師会・事務局 its center’s 補助区分, 区分, 運営主体 and 対象市町村 to read, and saves its 連絡先', async () => {
    const suzuki = await signIn(logins.suzuki);
    await suzuki.setViewportSize({ width: 1366, height: 768 });
    await suzuki.goto(`${host.url}#/masters/centers`);
    const rows = suzuki.getByRole('table', { name: 'センターの一覧' }).locator('tbody tr');
    // Its centers drawn (a list still loading has one row too, 読み込み中…).
    await rows.filter({ hasText: association.centers[0] }).first().waitFor();
    await expect.poll(() => rows.count()).toBe(association.centers.length);
    await rows.first().click();
    const drawer = suzuki.getByRole('dialog');
    await drawer.getByLabel('補助区分').waitFor();
    for (const label of ['区分', '運営主体', '補助区分'])
      expect(await drawer.getByLabel(label, { exact: true }).isDisabled(), label).toBe(true);
    expect(await drawer.getByRole('checkbox').evaluateAll((boxes) => boxes.filter((b) => !b.matches(':disabled')).length)).toBe(0);
    expect(await drawer.textContent()).toContain('県が決めます（変更は県の担当者に依頼）');
    await suzuki.screenshot({ path: path.join(SHOTS, 'assoc-center-drawer.png') });
    await drawer.getByLabel('連絡先').fill('事務局 025-111-1111');
    await drawer.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => suzuki.locator('.toasts').textContent()).toContain('を保存しました');
  });

  it('answers Ctrl+Z alike for the officer and the secretariat: no 元に戻す on a shared database, nobody to ask', async () => {
    for (const [login, shot] of [
      [logins.yamada, 'staff-undo.png'],
      [logins.suzuki, 'assoc-undo.png'],
    ] as const) {
      const page = await signIn(login);
      await page.setViewportSize({ width: 1366, height: 768 });
      const asked: string[] = [];
      page.on('request', (r) => {
        if (/\/api\/app\.(undo|redo)$/.test(r.url())) asked.push(r.url());
      });
      await page.locator('.content h1').waitFor();
      await page.keyboard.press('Control+z');
      await expect
        .poll(() => page.locator('.toasts').textContent())
        .toContain('共有データベース（PostgreSQL）では、元に戻す・やり直すはまだ使えません。変更は画面で直接直してください。');
      expect(await page.locator('.toasts').textContent()).not.toContain('県の担当者に依頼');
      expect(asked).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, shot) });
    }
  });

  it('offers 医師会・事務局 the letters its center submits and prints its 交付申請書, with no 文書番号台帳, and says a prefecture’s report is the prefecture’s', async () => {
    const centerPage = `${host.url}#/subsidy/${center.fiscalYear}/centers/${center.id}`;
    const yamada = await signIn(logins.yamada);
    await yamada.goto(centerPage);
    const letters = (page: Page) => page.getByRole('region', { name: '文書を作成' });
    await letters(yamada).getByRole('link', { name: '文書番号台帳' }).waitFor();

    const suzuki = await signIn(logins.suzuki);
    await suzuki.setViewportSize({ width: 1366, height: 768 });
    await suzuki.goto(centerPage);
    await suzuki.locator('.content').getByText('次の手続き').first().waitFor();
    // What a center submits, and none of the prefecture's letters: no 文書の日付 to number them by, no register.
    const kind = letters(suzuki).getByLabel('文書', { exact: true });
    await kind.waitFor();
    expect((await kind.locator('option').allTextContents()).map((t) => t.replace('（センターが提出）', ''))).toEqual([
      '交付申請書',
      '変更交付申請書',
      '概算払請求書',
      '実績報告書',
      '消費税及び地方消費税に係る仕入控除税額報告書',
    ]);
    expect(await letters(suzuki).getByLabel('文書の日付').count()).toBe(0);
    expect(await suzuki.getByRole('link', { name: '文書番号台帳' }).count()).toBe(0);
    await letters(suzuki).scrollIntoViewIfNeeded();
    await suzuki.screenshot({ path: path.join(SHOTS, 'assoc-center-letters.png') });
    // Its 交付申請書, printed through the host's browser: from its 医師会's 会長 to the 知事, for its center.
    const download = suzuki.waitForEvent('download', { timeout: 240_000 });
    await letters(suzuki).getByRole('button', { name: '文書を作成（PDF）' }).click();
    const file = path.join(tempDir(), 'assoc-application.pdf');
    await (await download).saveAs(file);
    const pdf = await readPdf(fs.readFileSync(file));
    const first = pdf.pages[0]!.text;
    expect(first).toContain('交付申請書');
    // The PDF's text reads the full-width space between as a plain one.
    expect(first).toMatch(new RegExp(`${association.name}\\s+会長`));
    // (The 知事's name between, when an earlier test typed one in 設定.)
    expect(first).toMatch(/知事[^\n]*様/);
    expect(pdf.pages.some((p) => association.centers.some((name) => p.text.includes(name)))).toBe(true);
    expect(await suzuki.locator('.content [role="alert"]').count()).toBe(0);

    // The year's list: the same letters, for the centers its 医師会 runs.
    await suzuki.goto(`${host.url}#/subsidy/${center.fiscalYear}`);
    await expect.poll(() => letters(suzuki).getByRole('heading').textContent()).toBe('文書を作成（運営する全センター）');
    expect(await letters(suzuki).getByLabel('文書', { exact: true }).locator('option').count()).toBe(5);

    // The register's address, typed or kept from before: whose it is, in words, not its internal name.
    await suzuki.goto(`${host.url}#/report/view/subsidy.register?fy=${center.fiscalYear}`);
    const notice = suzuki.getByRole('alert').filter({ hasText: '帳票' });
    await expect.poll(() => notice.textContent()).toContain('この帳票は県の担当者のみ使えます。');
    expect(await suzuki.locator('.content').textContent()).not.toContain('subsidy.register');
    expect(await notice.getByRole('link', { name: '帳票の一覧' }).count()).toBe(0);
    await suzuki.screenshot({ path: path.join(SHOTS, 'assoc-register-report.png') });
  }, 300_000);

  it('shows 県・閲覧 every screen with nothing to save, add, delete or edit, and 設定 as values to read', async () => {
    const sato = await signIn(logins.sato);
    expect(await sato.getByTestId('topbar-who').textContent()).toBe('佐藤（県・閲覧）サインアウト');
    await sato.setViewportSize({ width: 1366, height: 768 });
    const offered = await sweep(sato, host.url, [
      ...MAIN_SCREENS,
      '/settings/accounts',
      `/subsidy/${center.fiscalYear}/centers/${center.id}`,
    ]);
    expect(offered).toEqual([]);

    // What 県・閲覧 sees, at the prefecture office's usual 1366×768, for a person to look at.
    fs.mkdirSync(SHOTS, { recursive: true });
    await sato.goto(`${host.url}#/settings`);
    await sato.getByLabel('表示名').waitFor();
    expect(await sato.getByLabel('表示名').getAttribute('readonly')).not.toBeNull();
    expect(await sato.getByRole('radio').evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled).length)).toBe(0);
    expect(await typableFormBoxes(sato)).toEqual([]);
    await sato.screenshot({ path: path.join(SHOTS, 'settings.png'), fullPage: true });

    await sato.goto(`${host.url}#/fund`);
    await sato.getByLabel('年度', { exact: true }).selectOption('2023');
    const table = sato.getByRole('table', { name: '年度の事業と金額' });
    await table.waitFor();
    expect(await table.locator('input:not([readonly])').count()).toBe(0);
    await sato.screenshot({ path: path.join(SHOTS, 'fund.png') });
    await table.locator('tbody tr button').first().click();
    await sato.locator('.drawer').waitFor();
    expect(await typableFormBoxes(sato)).toEqual([]);
    expect(await offeredEdits(sato)).toEqual([]);
    await sato.screenshot({ path: path.join(SHOTS, 'fund-project.png') });

    await sato.goto(`${host.url}#/subsidy/${center.fiscalYear}/centers/${center.id}`);
    await sato.getByRole('heading', { level: 1 }).waitFor();
    await sato.waitForTimeout(1500);
    await sato.screenshot({ path: path.join(SHOTS, 'subsidy-center.png') });
    await sato.goto(`${host.url}#/subsidy/${center.fiscalYear}/rules`);
    await sato.getByRole('heading', { level: 1 }).waitFor();
    await sato.waitForTimeout(1500);
    expect(await typableFormBoxes(sato)).toEqual([]);
    await sato.screenshot({ path: path.join(SHOTS, 'subsidy-rules.png') });
  }, 300_000);
});
