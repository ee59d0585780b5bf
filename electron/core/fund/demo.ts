/**
 * The demo prefecture's fund plan (医療分) through the same operations the
 * screens use: the 在宅医療推進センター project at 85,419 千円 in 令和4年度
 * (seed 004) and at the 84,586,000 円 of 基準額 in 令和5年度 (seed 000), under
 * 区分Ⅱ, beside clearly fictional projects in other 区分; a 第1回補正 in
 * 令和5年度, spending through both years, and the fund's contributions.
 */
import type { OpInput } from '@shared/contract';
import type { OpRunner } from '../kernel/context';

const CENTER = {
  name: '在宅医療推進センター整備事業',
  content: '県医師会及び16郡市医師会の在宅医療推進センターの設置・運営、在宅医療ICTシステムの整備に対する補助',
};

export async function loadFundDemo(core: OpRunner): Promise<void> {
  const association = (await core.call('masters.associations.list', {})).find((a) => a.kind === 'prefectural');
  const save = (project: OpInput<'fund.projects.save'>) => core.call('fund.projects.save', project);
  const center = await save({
    side: 'medical',
    number: 'Ⅱ-1',
    ...CENTER,
    categoryCode: 'Ⅱ',
    operatorKind: 'association',
    operatorName: association?.name ?? '県医師会',
    associationId: association?.id ?? null,
    startFy: 2015,
    indicators: [
      { kind: 'output', label: '在宅医療推進センターの設置数', unit: '箇所', baseline: 1700, target: 1700, actual: 1700 },
      { kind: 'outcome', label: '在宅医療ICTシステムを運用する郡市医師会数', unit: '医師会', baseline: 1200, target: 1600, actual: 1200 },
    ],
  });
  const beds = await save({
    side: 'medical',
    number: 'Ⅰ-1',
    name: '（架空）病床機能分化・連携推進施設整備事業',
    categoryCode: 'Ⅰ-1',
    operatorKind: 'private',
    operatorName: '（架空）医療法人',
    startFy: 2022,
    content: '回復期病床への転換に要する施設・設備の整備に対する補助（デモ用の架空の事業）',
    indicators: [{ kind: 'output', label: '回復期病床への転換数', unit: '床', baseline: 0, target: 12000, actual: 9600 }],
  });
  const doctors = await save({
    side: 'medical',
    number: 'Ⅳ-1',
    name: '（架空）地域医療従事医師確保修学資金貸与事業',
    categoryCode: 'Ⅳ',
    operatorKind: 'prefecture',
    operatorName: '県',
    startFy: 2022,
    content: '県内で地域医療に従事する意思のある医学生への修学資金の貸与（デモ用の架空の事業）',
    indicators: [{ kind: 'output', label: '修学資金の貸与者数', unit: '人', baseline: 3000, target: 3500, actual: 3400 }],
  });
  const hours = await save({
    side: 'medical',
    number: 'Ⅵ-1',
    name: '（架空）勤務医労働時間短縮推進事業',
    categoryCode: 'Ⅵ',
    operatorKind: 'private',
    operatorName: '（架空）地域医療支援病院',
    startFy: 2023,
    content: '勤務医の労働時間短縮に向けた体制整備に対する補助（デモ用の架空の事業）',
    indicators: [{ kind: 'outcome', label: '時間外労働が年960時間を超える医師数', unit: '人', baseline: 4000, target: 2000, actual: 2600 }],
  });

  // 公/民 split the 国 part: 医師会・医療法人 are 民, the 県's own project 公.
  const amounts = async (versionId: number, projectId: number, fundAmount: number, otherAmount: number, publicBody: boolean) => {
    const national = Math.floor((fundAmount * 2) / 3);
    await core.call('fund.amounts.save', {
      versionId,
      lines: [
        {
          projectId,
          fundAmount,
          otherAmount,
          publicAmount: publicBody ? national : 0,
          privateAmount: publicBody ? 0 : national,
          entrustedAmount: 0,
        },
      ],
    });
  };
  const spend = (
    fiscalYear: number,
    projectId: number,
    spentOn: string,
    amount: number,
    payee: string,
    purpose: string,
    voucherNo: string,
  ) => core.call('fund.spending.save', { projectId, fiscalYear, spentOn, amount, payee, purpose, voucherNo });

  const r4 = await core.call('fund.versions.create', {
    side: 'medical',
    fiscalYear: 2022,
    kind: 'initial',
    datedOn: '2022-04-01',
    reason: '令和4年度当初予算',
  });
  await amounts(r4.id, center.id, 85_419_000, 0, false);
  await amounts(r4.id, beds.id, 120_000_000, 60_000_000, false);
  await amounts(r4.id, doctors.id, 45_000_000, 0, true);
  for (const [i, date] of ['2022-06-30', '2022-09-30', '2022-12-28', '2023-03-24'].entries()) {
    await spend(
      2022,
      center.id,
      date,
      i < 3 ? 21_354_000 : 21_357_000,
      association?.name ?? '県医師会',
      `在宅医療推進センター運営費 概算払（第${i + 1}回）`,
      `R4-${101 + i}`,
    );
  }
  await spend(2022, beds.id, '2023-02-15', 96_000_000, '（架空）医療法人', '病床転換施設整備費補助', 'R4-201');
  await spend(2022, doctors.id, '2022-05-20', 43_200_000, '修学生（36名）', '修学資金貸与', 'R4-301');

  const r5 = await core.call('fund.versions.create', {
    side: 'medical',
    fiscalYear: 2023,
    kind: 'initial',
    datedOn: '2023-04-01',
    reason: '令和5年度当初予算',
  });
  await amounts(r5.id, center.id, 84_586_000, 0, false);
  await amounts(r5.id, beds.id, 80_000_000, 40_000_000, false);
  await amounts(r5.id, doctors.id, 48_000_000, 0, true);
  const r5s = await core.call('fund.versions.create', {
    side: 'medical',
    fiscalYear: 2023,
    kind: 'supplementary',
    datedOn: '2023-09-26',
    reason: '9月補正：医師の働き方改革への対応',
  });
  await amounts(r5s.id, hours.id, 30_000_000, 10_000_000, false);
  await amounts(r5s.id, doctors.id, 52_800_000, 0, true);
  // 令和5年度's spending on the center project is the 補助金's: subsidy/demo.ts books each center's decision or 確定額.
  await spend(2023, doctors.id, '2023-05-19', 48_000_000, '修学生（40名）', '修学資金貸与', 'R5-301');
  await spend(2023, hours.id, '2023-12-15', 12_500_000, '（架空）地域医療支援病院', '勤務環境改善設備整備費補助（第1回）', 'R5-401');

  await core.call('fund.years.save', {
    side: 'medical',
    fiscalYear: 2022,
    openingBalance: 180_000_000,
    nationalContribution: 120_000_000,
    prefecturalContribution: 60_000_000,
    investmentIncome: 85_000,
  });
  await core.call('fund.years.save', {
    side: 'medical',
    fiscalYear: 2023,
    nationalContribution: 110_000_000,
    prefecturalContribution: 55_000_000,
    investmentIncome: 92_000,
  });
}
