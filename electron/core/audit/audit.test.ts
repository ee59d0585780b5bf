/**
 * The audit log on a real core: every operation, entity and recorded field has
 * its Japanese name (checked against a full demo load), the filters, and the
 * export to Excel read back.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditChangeText, auditLine, auditTarget, describeAuditEntry } from '@shared/audit-log';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntry, operations } from '@shared/contract';
import { isoDateOfLocal } from '@shared/dates';
import { ENTITY_LABELS, hasFieldLabel } from '@shared/glossary';
import { readWorkbook } from '@tests/support/files';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../core';
import { readTable } from '../tabular/read';

async function demoCore(): Promise<Core> {
  const core = await Core.open({
    dbPath: path.join(tempDir(), 'audit.sqlite'),
    osUser: 'tanaka',
    now: () => new Date('2026-11-22T01:00:00Z'),
  });
  await core.call('app.demo.load', {});
  return core;
}

/** Every entry of the log, paged through as the screen would. */
async function allEntries(core: Core): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for (let offset = 0; ; offset += 1000) {
    const { entries } = await core.call('audit.list', { limit: 1000, offset });
    all.push(...entries);
    if (entries.length < 1000) return all;
  }
}

describe('names in the audit log', () => {
  it('has a Japanese name for every operation of the contract and every audited entity', () => {
    for (const [name, op] of Object.entries(operations)) expect(op.label, name).toMatch(/^[^a-z]+$/);
    for (const entity of AUDIT_ENTITIES) expect(ENTITY_LABELS[entity], entity).toMatch(/^[^a-z]+$/);
  });

  let core: Core;
  let entries: AuditEntry[];
  beforeAll(async () => {
    core = await demoCore();
    await core.call('settings.update', { backupKeep: 20 });
    await core.call('backup.create', {});
    entries = await allEntries(core);
    return () => core.close();
  }, 120_000);

  it('names every entity and every field a full demo load records', () => {
    expect(entries.length).toBeGreaterThan(2000);
    const entities = new Set(entries.map((e) => e.entity));
    for (const entity of entities) expect(AUDIT_ENTITIES, entity).toContain(entity);
    const keys = new Set<string>();
    for (const e of entries)
      for (const side of [e.before, e.after]) if (side && typeof side === 'object') for (const k of Object.keys(side)) keys.add(k);
    expect(keys.size).toBeGreaterThan(80);
    expect([...keys].filter((k) => !hasFieldLabel(k))).toEqual([]);
  });

  it('prints each entry as a Japanese line: no operation, entity or field code shows', () => {
    const codes = new Set([...Object.keys(operations), ...AUDIT_ENTITIES]);
    for (const e of entries) {
      const line = auditLine(e);
      for (const code of [e.operation, e.entity]) expect(line).not.toContain(code);
      expect(codes.has(line)).toBe(false);
    }
    const step = entries.find(
      (e) =>
        e.entity === 'subsidy_step' &&
        (e.after as { kind?: string }).kind === 'decision' &&
        (e.after as { center: string }).center.includes('佐渡'),
    )!;
    expect(auditLine(step)).toMatch(
      /^令和8年11月22日 \d\d:00　tanaka　デモデータの読み込み　補助金の手続き「佐渡市在宅医療推進センター 交付決定」　追加　年度: 令和5年度、手続き: 交付決定、日付: 令和5年5月19日、指令番号: 新医政第317号（デモ）、金額: 4,453,000円、申請・実績の金額: 総事業費 [\d,]+円、寄付金その他収入額 [\d,]+円、対象経費の支出額 [\d,]+円、入力者: デモ 担当者（tanaka）$/,
    );
  });

  it('names a training’s questionnaire and the plan’s sections in Japanese, not by their codes', () => {
    const text = (entity: AuditEntity) => auditChangeText(describeAuditEntry(entries.find((e) => e.entity === entity)!));
    expect(text('training')).toMatch(/アンケート: 回答数 \d+、満足 \d+、やや満足 \d+、やや不満 \d+、不満 \d+$/);
    expect(text('fund_plan_text')).toContain('計画の本文: (1) 計画の基本的な考え方　①位置づけ （デモ）');
    const codes = /position|significance|projects|areas|goals|period|evaluationMethod|implementation|responses|satisfied|fairly/i;
    for (const entity of ['training', 'fund_plan_text'] as const) expect(text(entity)).not.toMatch(codes);
  });

  it('names meetings, their action items and decks by what the screens call them, not by their ids', () => {
    const line = (entity: AuditEntity) =>
      auditLine(entries.find((e) => e.entity === entity)!)
        .split('　')
        .slice(3)
        .join('　');
    expect(line('meeting')).toMatch(/^会議「第4回 運営会議」　追加　会議体: 運営会議、回: 4、開催日: 令和6年2月27日、/);
    expect(line('deck')).toBe(
      '会議資料「令和5年度 第4回 在宅医療推進センター運営会議」　追加　表題: 令和5年度 第4回 在宅医療推進センター運営会議、会議: 第4回 運営会議（令和6年2月27日）、スライド: 5件',
    );
    const item = entries.find((e) => e.entity === 'meeting_action_item')!;
    expect(describeAuditEntry(item).subject).toBe((item.after as { content: string }).content);
  });

  it('names the 基金事業 of spending and of the 要綱 by name, and shows no save counter as a 版', () => {
    const text = (entity: AuditEntity) => auditChangeText(describeAuditEntry(entries.findLast((e) => e.entity === entity)!));
    expect(text('fund_spending')).toMatch(
      /^追加　年度: 令和4年度、支出日: 令和4年6月30日、金額: [\d,]+円、.*、基金事業: 在宅医療推進センター整備事業$/,
    );
    expect(text('subsidy_rules')).toContain('基金事業: 在宅医療推進センター整備事業');
    expect(text('fund_budget_version')).toBe(
      '追加　医療分・介護分: 医療分、年度: 令和4年度、版の種類: 当初、版: 当初、日付: 令和4年4月1日、理由: 令和4年度当初予算',
    );
  });

  it('names a record of a year by its project, 医療分・介護分 and 年度, and settings by what was set, not by their keys', () => {
    const target = (entity: AuditEntity) => auditTarget(entries.find((e) => e.entity === entity)!);
    expect(target('fund_year')).toBe('基金の年度収支「医療分 令和5年度」');
    expect(target('fund_evaluation')).toBe('基金事業の事後評価「（架空）勤務医労働時間短縮推進事業 令和5年度」');
    expect(target('fund_plan_text')).toBe('都道府県計画の本文「令和5年度」');
    // The demo's newest series: 令和6年度's, which its 額の確定通知書 of May 2024 take their numbers from.
    expect(target('document_series')).toBe('文書番号の設定「令和6年度」');
    expect(target('settings')).toBe('設定「バックアップ保持数」');
    const demoSettings = entries.find((e) => e.entity === 'settings' && e.operation === 'app.demo.load')!;
    expect(auditTarget(demoSettings)).toBe('設定「表示名・所属・担当者」');
    expect(auditChangeText(describeAuditEntry(entries.find((e) => e.entity === 'fund_year')!))).toBe(
      '追加　積立（国）: 110,000,000円、積立（都道府県）: 55,000,000円、運用益: 92,000円',
    );
  });

  it('names a center’s 運営主体 and a designation’s institutions and area, not their ids', () => {
    const line = (entity: AuditEntity) =>
      auditLine(entries.find((e) => e.entity === entity)!)
        .split('　')
        .slice(3)
        .join('　');
    expect(line('center')).toBe(
      'センター「佐渡市在宅医療推進センター」　追加　センター名: 佐渡市在宅医療推進センター、区分: 地域、運営主体: 佐渡医師会、連絡先: 0259-00-0016（デモ）、補助区分: その他郡市医師会、対象市町村: 佐渡市',
    );
    expect(line('designation')).toMatch(
      /^積極的役割を担う医療機関の指定「[^」\d]+」　追加　在宅医療圏: [^、\d]+、指定日: 令和6年4月1日、①医師不在時・急変時等の診療の支援: ○、②必要な医療・介護・障害福祉サービスの確保の働きかけ: ○、③地域包括支援センター等と協働したサービスの紹介: ○、④臨床研修（地域医療研修）の機会の確保: [○—]、⑤災害時等の医療提供計画の策定: [○—]、連携している医療機関: [^、\d]+、連携している訪問看護事業所: [^、\d]+$/,
    );
  });

  it('names 市区町村 by name, not by their 団体コード, and a population figure by its 市区町村 and 基準日', () => {
    const line = (entity: AuditEntity, entityId: string) =>
      auditLine(entries.find((e) => e.entity === entity && e.entityId === entityId)!)
        .split('　')
        .slice(3)
        .join('　');
    expect(line('population', '155861@2020-10-01')).toBe(
      '人口「粟島浦村 令和2年10月1日」　追加　総人口: 347人、65歳以上人口: 154人、75歳以上人口: 89人、85歳以上人口: 35人、面積: 9.78 km²',
    );
    expect(line('association', '2')).toBe(
      '医師会「村上市岩船郡医師会」　追加　名称: 村上市岩船郡医師会、区分: 郡市医師会、対象市町村: 村上市、関川村、粟島浦村',
    );
    expect(line('institution', '1')).toBe(
      '医療機関「〇〇訪問診療クリニック（新潟市）」　追加　名称: 〇〇訪問診療クリニック（新潟市）、種別: 診療所、市区町村: 新潟市、所在地: 新潟県新潟市（デモ）、在宅療養支援: ○、機能強化型: ○',
    );
  });

  it('shows a settings change by its fields, old → new', () => {
    const change = entries.find((e) => e.operation === 'settings.update')!;
    expect(describeAuditEntry(change).fields).toEqual([{ field: 'backupKeep', label: 'バックアップ保持数', before: '14', value: '20' }]);
  });
});

describe('filters and export', () => {
  it('filters by person, section and one record, and exports the same rows to Excel', async () => {
    const core = await demoCore();
    await core.call('settings.update', { displayName: '田中 一郎' });
    const spending = (await core.call('fund.spending.list', { side: 'medical', fiscalYear: 2023 }))[0]!;
    await core.call('fund.spending.save', {
      id: spending.id,
      projectId: spending.projectId,
      fiscalYear: 2023,
      spentOn: spending.spentOn,
      amount: spending.amount + 1000,
      payee: spending.payee,
      purpose: spending.purpose,
      voucherNo: spending.voucherNo,
    });

    // The demo's first change is made before it sets its officer's name: the OS user stands for them.
    expect(await core.call('audit.people', {})).toEqual(['tanaka', 'デモ 担当者', '田中 一郎']);
    const mine = await core.call('audit.list', { person: '田中 一郎' });
    // The change of name itself is recorded under the name it was made by.
    expect(mine.entries.map((e) => e.operation)).toEqual(['fund.spending.save']);

    const record = await core.call('audit.list', { entity: 'fund_spending', entityId: String(spending.id) });
    expect(record.entries.map((e) => e.operation)).toEqual(['fund.spending.save', 'app.demo.load']);
    expect(describeAuditEntry(record.entries[0]!).fields).toEqual([
      {
        field: 'amount',
        label: '金額',
        before: `${spending.amount.toLocaleString('ja-JP')}円`,
        value: `${(spending.amount + 1000).toLocaleString('ja-JP')}円`,
      },
    ]);

    const fund = await core.call('audit.list', { section: 'fund', limit: 1 });
    const fundEntities = new Set((await core.call('audit.list', { section: 'fund', limit: 1000 })).entries.map((e) => e.entity));
    expect([...fundEntities].every((e) => e.startsWith('fund_'))).toBe(true);
    expect(fund.total).toBe(
      (await core.call('audit.list', { limit: 1 })).total -
        (await core.call('audit.list', { section: 'masters', limit: 1 })).total -
        (await core.call('audit.list', { section: 'subsidy', limit: 1 })).total -
        (await core.call('audit.list', { section: 'survey', limit: 1 })).total -
        (await core.call('audit.list', { section: 'meeting', limit: 1 })).total -
        (await core.call('audit.list', { section: 'report', limit: 1 })).total -
        (await core.call('audit.list', { section: 'settings', limit: 1 })).total,
    );

    const file = await core.call('audit.export', { person: '田中 一郎' });
    await core.call('settings.update', { displayName: '' });
    expect(file.fileName).toBe('監査ログ_20261122.xlsx');
    const table = await readTable(Buffer.from(file.data, 'base64'), file.fileName);
    // 区分 as the screen's filter means it (台帳・基金…); 日時 a date-time cell in local time, so Excel sorts it as a date.
    expect(table.header).toEqual(['記録番号', '日時', '担当者', '操作', '区分', '対象の種類', '対象', '追加・変更・削除', '変更内容']);
    const at = new Date(mine.entries[0]!.at);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(table.rows[0]!.cells[1]).toBe(`${isoDateOfLocal(at)} ${pad(at.getHours())}:${pad(at.getMinutes())}`);
    const workbook = await readWorkbook(file.data);
    const cell = workbook.getWorksheet('監査ログ')!.getCell('B2');
    expect(cell.value).toBeInstanceOf(Date);
    expect(cell.numFmt).toBe('yyyy/mm/dd hh:mm');
    expect(table.rows.map((r) => [r.cells[2], r.cells[3], r.cells[4], r.cells[5], r.cells[7], r.cells[8]])).toEqual([
      [
        '田中 一郎（tanaka）',
        '基金の執行の保存',
        '基金',
        '基金の執行',
        '変更',
        `金額: ${spending.amount.toLocaleString('ja-JP')}円 → ${(spending.amount + 1000).toLocaleString('ja-JP')}円`,
      ],
    ]);
    await expect(core.call('audit.list', { entity: 'nonsense' as never })).rejects.toMatchObject({ code: 'validation' });
    await core.close();
  }, 120_000);
});

describe('what an entry says after a real change', () => {
  let core: Core;
  beforeAll(async () => {
    core = await demoCore();
    return () => core.close();
  }, 120_000);

  /** The newest entries of one entity as the CLI prints them, 担当者 and 操作 on. */
  const lines = async (entity: AuditEntity, limit = 1) =>
    (await core.call('audit.list', { entity, limit })).entries.map((e) => auditLine(e).split('　').slice(2).join('　'));

  it('names a project’s amounts by the project and the version in 和暦, and does not list the version as changed', async () => {
    const year = await core.call('fund.year', { side: 'medical', fiscalYear: 2023 });
    const revision = year.versions.find((v) => v.label === '第1回補正')!;
    const projects = await core.call('fund.projects.list', { side: 'medical' });
    const edits = ['Ⅰ-1', 'Ⅳ-1'].map((number) => {
      const id = projects.find((p) => p.number === number)!.id;
      const a = year.amounts[id]!;
      return {
        projectId: id,
        fundAmount: a.fundAmount,
        otherAmount: a.otherAmount + 1_000_000,
        publicAmount: a.publicAmount,
        privateAmount: a.privateAmount,
        entrustedAmount: a.entrustedAmount,
        version: a.version,
      };
    });
    await core.call('fund.amounts.save', { versionId: revision.id, lines: edits });
    expect(await lines('fund_budget_amount', 2)).toEqual([
      '基金事業の予算額の保存　基金事業の予算額「（架空）地域医療従事医師確保修学資金貸与事業（令和5年度 第1回補正）」　変更　その他: 0円 → 1,000,000円',
      '基金事業の予算額の保存　基金事業の予算額「（架空）病床機能分化・連携推進施設整備事業（令和5年度 第1回補正）」　変更　その他: 40,000,000円 → 41,000,000円',
    ]);
  });

  it('names the 市区町村 an area gains and loses, and the areas, not their codes and ids', async () => {
    const areas = await core.call('masters.areas.list', { kind: 'secondary' });
    const sado = areas.find((a) => a.name === '佐渡')!;
    const niigata = areas.find((a) => a.name === '新潟')!;
    await core.call('masters.areas.setMembers', {
      id: sado.id,
      municipalityCodes: [...sado.municipalityCodes, '151009'],
      version: sado.version,
    });
    expect(await lines('area', 2)).toEqual([
      '圏域の構成市町村の変更　圏域「佐渡」　変更　対象市町村: 追加 新潟市',
      '圏域の構成市町村の変更　圏域「新潟」　変更　市区町村: 新潟市 → —、移った先の圏域: — → 佐渡',
    ]);
    expect(niigata.municipalityCodes).toContain('151009');
    await core.call('masters.populations.delete', { municipalityCode: '151009', baseDate: '2020-10-01' });
    expect(await lines('population')).toEqual([
      '人口の削除　人口「新潟市 令和2年10月1日」　削除　総人口: 789,275人、65歳以上人口: 233,634人、75歳以上人口: 123,826人、85歳以上人口: 43,222人、面積: 726.45 km²',
    ]);
  });

  it('names a 市区町村’s 連携推進事業 by the 市区町村 and 年度, and shows each item that changed and how, as the screen names them', async () => {
    const items = await core.call('masters.linkage.list', { fiscalYear: 2023, municipalityCode: '155861' });
    const center = (await core.call('masters.centers.list', { fiscalYear: 2023 })).find((c) => c.name === '村上地域在宅医療推進センター')!;
    const edited = items.map(({ municipalityCode: _m, fiscalYear: _f, version: _v, ...i }) =>
      i.item === 'a' ? { ...i, mode: 'entrusted' as const, centerId: center.id } : i.item === 'h' ? { ...i, jointWith: ['152129'] } : i,
    );
    await core.call('masters.linkage.save', { municipalityCode: '155861', fiscalYear: 2023, items: edited, version: items[0]!.version });
    const [saved, loaded] = (await core.call('audit.list', { entity: 'linkage', entityId: '155861@2023' })).entries.map((e) =>
      auditLine(e).split('　').slice(2).join('　'),
    );
    expect(saved).toBe(
      '連携推進事業の保存　在宅医療・介護連携推進事業「粟島浦村 令和5年度」　変更　(ア) 地域の医療・介護の資源の把握: 直営 → 委託（村上地域在宅医療推進センター）、(ク) 在宅医療・介護連携に関する関係市区町村の連携: 広域（村上市、関川村） → 広域（村上市）',
    );
    expect(loaded).toMatch(
      /^デモデータの読み込み　在宅医療・介護連携推進事業「粟島浦村 令和5年度」　追加　\(ア\) 地域の医療・介護の資源の把握: 直営、\(イ\) .*、\(ク\) 在宅医療・介護連携に関する関係市区町村の連携: 広域（村上市、関川村）$/,
    );
  });

  it('names a 市区町村’s 圏域 by kind and name, and leaves the 圏域 out when it is in none', async () => {
    const { row } = await core.call('masters.municipalities.get', { code: '155861' });
    const niigata = (await core.call('masters.areas.list', { kind: 'home_care' })).find((a) => a.name === '新潟')!;
    const { areas, population: _p, version, ...fields } = row;
    const ids = Object.fromEntries(Object.entries(areas).map(([kind, area]) => [kind, area.id]));
    await core.call('masters.municipalities.save', {
      ...fields,
      areas: { ...ids, home_care: niigata.id, health_center: null },
      isNew: false,
      version,
    });
    const [saved, loaded] = (await core.call('audit.list', { entity: 'municipality', entityId: '155861' })).entries.map((e) =>
      auditLine(e).split('　').slice(2).join('　'),
    );
    expect(saved).toBe('市区町村の保存　市区町村「粟島浦村」　変更　圏域: 下越 → 新潟（在宅医療圏）、圏域: 村上 → —（保健所圏域）');
    expect(loaded).toBe(
      'デモデータの読み込み　市区町村「粟島浦村」　追加　団体コード: 155861、市区町村名: 粟島浦村、よみがな: あわしまうらむら、種別: 村',
    );
  });

  it('shows each requirement of a designation that changed by its name', async () => {
    const d = (await core.call('masters.designations.list', {})).find((r) => r.institutionName === '〇〇訪問診療クリニック（新潟市）')!;
    expect(d.requirements).toEqual([true, true, true, false, false]);
    const { institutionName: _i, areaName: _a, partnerInstitutionNames: _p, partnerStationNames: _s, ...input } = d;
    await core.call('masters.designations.save', { ...input, requirements: [true, true, true, true, false] });
    expect(await lines('designation')).toEqual([
      '指定の保存　積極的役割を担う医療機関の指定「〇〇訪問診療クリニック（新潟市）」　変更　④臨床研修（地域医療研修）の機会の確保: — → ○',
    ]);
  });

  it('names an area’s 上位の圏域 by name, not by its id', async () => {
    const secondary = await core.call('masters.areas.list', { kind: 'secondary' });
    const parentId = secondary.find((a) => a.name === '佐渡')!.id;
    const area = await core.call('masters.areas.save', { kind: 'home_care', name: '両津', parentId, sortOrder: 50 });
    await core.call('masters.areas.save', { ...area, parentId: secondary.find((a) => a.name === '新潟')!.id });
    expect(await lines('area', 2)).toEqual([
      '圏域の保存　圏域「両津」　変更　上位の圏域: 佐渡 → 新潟',
      '圏域の保存　圏域「両津」　追加　圏域の種類: 在宅医療圏、圏域名: 両津、上位の圏域: 佐渡',
    ]);
  });

  it('heads an institution’s code as the screen does', async () => {
    const {
      rows: [found],
    } = await core.call('masters.institutions.list', { search: '△△内科医院（新潟市）' });
    const { municipalityName: _m, ...institution } = found!;
    await core.call('masters.institutions.save', { ...institution, code: '1512345' });
    expect(await lines('institution')).toEqual(['医療機関の保存　医療機関「△△内科医院（新潟市）」　変更　医療機関コード: — → 1512345']);
  });

  it('shows an issued letter by its kind, number and addressee in Japanese', async () => {
    // Dated in 令和6年度, the 令和5年度 letter takes a number of 令和6年度's series.
    await core.call('subsidy.register.save', { fiscalYear: 2024, prefix: '新医薬第', nextNumber: 1001 });
    await core.call('subsidy.letters.issue', { fiscalYear: 2023, kind: 'refund_order', date: '2024-06-03' });
    expect(await lines('document_register')).toEqual([
      '文書番号の発番　文書番号「新医薬第1002号」　追加　番号の年度: 令和6年度、補助金の年度: 令和5年度、番号: 1002、文書の日付: 令和6年6月3日、文書の種類: 返還命令書、宛先: 見附市南蒲原郡医師会長　様、期限: 令和6年6月23日、発番者: デモ 担当者、センター: 見附市在宅医療推進センター',
    ]);
  });

  it('names a survey round, and shows whose forms it gained or lost and when each went out', async () => {
    const definition = (await core.call('survey.definitions.list', {})).find((d) => d.name === 'センター人員配置状況調査')!;
    const centers = (await core.call('masters.centers.list', { fiscalYear: 2024 })).slice(0, 4);
    const round = await core.call('survey.rounds.create', {
      definitionId: definition.id,
      fiscalYear: 2024,
      referenceDate: '2024-04-01',
      targetIds: centers.slice(0, 3).map((c) => String(c.id)),
    });
    await core.call('survey.rounds.setTargets', {
      id: round.id,
      targetIds: [centers[0], centers[2], centers[3]].map((c) => String(c!.id)),
    });
    await core.call('survey.rounds.markSent', { id: round.id, targetIds: [String(centers[0]!.id)], sentOn: '2024-04-05' });
    await core.call('survey.rounds.markSent', {
      id: round.id,
      targetIds: [centers[0], centers[3]].map((c) => String(c!.id)),
      sentOn: '2024-04-10',
    });
    expect(await lines('survey_round', 4)).toEqual([
      '調査票の送付の記録　調査の回「令和6年度 センター人員配置状況調査」　変更　送付日: 令和6年4月5日 → 令和6年4月10日（新潟県医師会在宅医療推進センター）、送付日: — → 令和6年4月10日（五泉市東蒲原郡医師会在宅医療推進センター）',
      '調査票の送付の記録　調査の回「令和6年度 センター人員配置状況調査」　変更　送付日: — → 令和6年4月5日（新潟県医師会在宅医療推進センター）',
      '調査の相手の変更　調査の回「令和6年度 センター人員配置状況調査」　変更　送り先: 追加 五泉市東蒲原郡医師会在宅医療推進センター／削除 村上地域在宅医療推進センター',
      '調査の回の作成　調査の回「令和6年度 センター人員配置状況調査」　追加　名前: 令和6年度 センター人員配置状況調査、年度: 令和6年度、調査基準日: 令和6年4月1日、調査票の版: 1、送り先: 新潟県医師会在宅医療推進センター、村上地域在宅医療推進センター、しばた地域医療介護連携センター',
    ]);
  });
});
