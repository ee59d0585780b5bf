/**
 * The demo prefecture's fund plan (医療分) through the same operations the
 * screens use: the 在宅医療推進センター project at 85,419 千円 in 令和4年度
 * (seed 004) and at the 84,586,000 円 of 基準額 in 令和5年度 (seed 000), under
 * 区分Ⅱ, beside clearly fictional projects in other 区分; a 第1回補正 in
 * 令和5年度, spending through both years, and the fund's contributions. The
 * 令和5年度 計画 (its narrative and every 個票 field) and 事後評価 are filled
 * with example text marked （デモ）, so both print complete.
 */
import type { OpInput } from '@shared/contract';
import type { OpRunner } from '../kernel/context';

const CENTER = {
  name: '在宅医療推進センター整備事業',
  content: '県医師会及び16郡市医師会の在宅医療推進センターの設置・運営、在宅医療ICTシステムの整備に対する補助',
};

// The fields of the national 個票 for 令和5年度, written as plausible examples and marked as the demo's.
const R5_PERIOD = { periodStart: '2023-04-01', periodEnd: '2024-03-31' } as const;
const DEMO_SHEETS = {
  center: {
    goal: '（デモ）在宅医療に必要な連携を担う拠点を県内全域に確保し、多職種が連携した切れ目のない在宅医療提供体制を構築する。',
    targetArea: '県全域（下越、新潟、県央、中越、魚沼、上越、佐渡）',
    needs: '（デモ）高齢化の進展に伴い、訪問診療を必要とする患者の増加が見込まれる一方、在宅医療を担う医師の高齢化が進んでいる。',
    outcomeOutputLink:
      '（デモ）センターが医療・介護関係者の連携と相談支援を担うことで、ICTによる情報共有が広がり、訪問診療の提供体制が確保される。',
    remarks: '（デモ）令和5年度の基準額は交付要綱別表1による（84,586,000円）。',
  },
  beds: {
    goal: '（デモ）地域医療構想の達成に向け、回復期病床への転換を進める。',
    targetArea: '（デモ）県央区域',
    needs: '（デモ）急性期病床が過剰で、回復期病床が不足している。',
    outcomeOutputLink: '（デモ）施設整備により病床が転換され、回復期の受け皿が確保される。',
    remarks: '',
  },
  doctors: {
    goal: '（デモ）地域医療に従事する医師を確保する。',
    targetArea: '県全域',
    needs: '（デモ）人口10万人当たり医師数が全国平均を下回っている。',
    outcomeOutputLink: '（デモ）修学資金の貸与により、卒業後に県内で従事する医師が増える。',
    remarks: '',
  },
  hours: {
    goal: '（デモ）医師の働き方改革に対応し、勤務医の時間外労働を縮減する。',
    targetArea: '（デモ）新潟区域',
    needs: '（デモ）令和6年4月からの時間外労働の上限規制への対応が必要である。',
    outcomeOutputLink: '（デモ）勤務環境改善の設備整備によりタスク・シフトが進み、時間外労働が減る。',
    remarks: '（デモ）9月補正で追加した事業。',
  },
} as const;

/** The 令和5年度 plan's narrative, plainly the demo's. */
const R5_PLAN_TEXT = {
  position:
    '（デモ）本計画は、地域における医療及び介護の総合的な確保の促進に関する法律第4条第1項の規定に基づき、地域医療介護総合確保基金を活用して実施する事業を定めるものである。県の医療計画及び介護保険事業支援計画と整合を図る。',
  significance:
    '（デモ）団塊の世代が75歳以上となる中、効率的かつ質の高い医療提供体制と地域包括ケアシステムを構築し、住み慣れた地域で安心して暮らせる体制を確保する。',
  projects:
    '（デモ）地域医療構想の達成に向けた施設整備、居宅等における医療の提供、医療従事者の確保及び勤務医の労働時間短縮に関する事業を実施する。',
  areas: '（デモ）医療介護総合確保区域は、医療計画の二次医療圏と同じ7区域とする。',
  goals: '（デモ）在宅医療推進センターを全17か所で運営し、在宅医療ICTシステムを全郡市医師会で運用する。',
  period: '（デモ）令和5年4月1日～令和6年3月31日',
  evaluationMethod:
    '（デモ）事業ごとにアウトカム指標及びアウトプット指標の実績を把握し、医療審議会の意見を聴いて事後評価を行い、その結果を公表する。',
  implementation: '（デモ）別添の個票のとおり。',
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
    ...DEMO_SHEETS.center,
    ...R5_PERIOD,
    indicators: [
      { kind: 'output', label: '在宅医療推進センターの設置数', unit: '箇所', baseline: 1700, target: 1700, actual: 1700 },
      {
        kind: 'outcome',
        label: '在宅医療ICTシステムを運用する郡市医師会数',
        unit: '医師会',
        baseline: 1200,
        target: 1600,
        actual: 1200,
        baselineOn: '2023-03-31',
        targetOn: '2024-03-31',
      },
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
    ...DEMO_SHEETS.beds,
    ...R5_PERIOD,
    indicators: [
      { kind: 'output', label: '回復期病床への転換数', unit: '床', baseline: 0, target: 12000, actual: 9600 },
      {
        kind: 'outcome',
        label: '（デモ）県央区域の回復期病床数',
        unit: '床',
        baseline: 42000,
        target: 54000,
        actual: 51600,
        baselineOn: '2023-04-01',
        targetOn: '2024-03-31',
      },
    ],
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
    ...DEMO_SHEETS.doctors,
    ...R5_PERIOD,
    indicators: [
      { kind: 'output', label: '修学資金の貸与者数', unit: '人', baseline: 3000, target: 3500, actual: 3400 },
      // Observed only once the students graduate: no 実績値 in the year.
      {
        kind: 'outcome',
        label: '（デモ）修学資金貸与を受け県内で地域医療に従事する医師数',
        unit: '人',
        baseline: 12000,
        target: 15000,
        baselineOn: '2023-04-01',
        targetOn: '2024-03-31',
      },
    ],
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
    ...DEMO_SHEETS.hours,
    periodStart: '2023-10-01',
    periodEnd: '2024-03-31',
    indicators: [
      { kind: 'output', label: '（デモ）勤務環境改善設備を整備する病院数', unit: '病院', baseline: 0, target: 300, actual: 100 },
      {
        kind: 'outcome',
        label: '時間外労働が年960時間を超える医師数',
        unit: '人',
        baseline: 4000,
        target: 2000,
        actual: 2600,
        baselineOn: '2023-04-01',
        targetOn: '2024-03-31',
      },
    ],
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

  await core.call('fund.planText.save', { fiscalYear: 2023, sections: R5_PLAN_TEXT });
  const evaluate = (projectId: number, evaluation: Omit<OpInput<'fund.evaluation.save'>, 'projectId' | 'fiscalYear'>) =>
    core.call('fund.evaluation.save', { projectId, fiscalYear: 2023, ...evaluation });
  await evaluate(center.id, {
    implementation: '（デモ）県医師会及び16郡市医師会の17センターが相談窓口・多職種研修・ICT運用支援を実施した。',
    outcomeObserved: true,
    outcomeNote: '（デモ）在宅医療ICTシステムを運用する郡市医師会数 12医師会（令和6年3月31日）',
    effectiveness: '（デモ）全圏域にセンターが置かれ、退院調整や多職種の連携が円滑になった。',
    efficiency: '（デモ）既存の郡市医師会の体制を活用し、少ない人員で全域をカバーした。',
    assessment: '17か所すべてで相談窓口を運営した。',
  });
  await evaluate(beds.id, {
    implementation: '（デモ）（架空）医療法人の回復期病床への転換工事に補助した。',
    outcomeObserved: true,
    outcomeNote: '（デモ）県央区域の回復期病床数 516床（令和6年3月31日）',
    effectiveness: '（デモ）区域の回復期病床の不足が一部解消した。',
    efficiency: '（デモ）既存の建物を改修し、新築より費用を抑えた。',
    assessment: '（デモ）残る24床の転換は令和6年度に完了する見込み。',
  });
  await evaluate(doctors.id, {
    implementation: '（デモ）医学生40名に修学資金を貸与した。',
    outcomeObserved: false,
    outcomeNote: '（デモ）貸与者の県内従事は卒業後のため、年度内には観察できなかった。',
    alternativeIndicator: '（デモ）修学資金の貸与者数 34人（令和6年3月31日）',
    effectiveness: '（デモ）将来の県内従事医師の確保につながる。',
    efficiency: '（デモ）地域枠と組み合わせ、対象を絞って貸与した。',
    assessment: '（デモ）貸与者の卒業後の従事状況を毎年確認する。',
  });
  await evaluate(hours.id, {
    implementation: '（デモ）地域医療支援病院の勤務環境改善設備の整備に補助した。',
    outcomeObserved: true,
    outcomeNote: '（デモ）時間外労働が年960時間を超える医師数 26人（令和6年3月31日）',
    effectiveness: '（デモ）目標には届かないが、40人から26人に減った。',
    efficiency: '（デモ）補助対象を効果の大きい設備に限った。',
    assessment: '（デモ）残る2病院の整備は令和6年度に実施する。',
  });

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
