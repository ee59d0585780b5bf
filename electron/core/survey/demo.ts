/**
 * The demo prefecture's survey rounds, through the same operations the
 * screens use, with figures from seed 000:
 * - センター人員配置状況調査 令和5年度: the 16 郡市医師会 centers answer with 41
 *   staff (看護師 14, 保健師 5, 社会福祉士 6, 介護支援専門員 1, 事務職 15 → whole
 *   percents 34/12/15/2/37); the 基幹 center has not answered (16 / 17 回答).
 * - 在宅医療提供体制に関する実態調査（診療所） 令和2・4年度 over 700 clearly
 *   fictional clinics ((架空) in the name) spread over the municipalities by
 *   population: 令和2年度 675 answers, 332 clinics doing home visits (両方 223,
 *   訪問のみ 34, 往診のみ 75 → the seed's 33/5/11/51% of n = 675; in 5 years
 *   n = 673 → 29/6/10/55%) with 376 doctors; 令和4年度 640 answers, 262
 *   clinics, 312 doctors — 前回比 312 / 376 = 0.8298 → 0.83. The out-of-hours
 *   first call (n = 165 and 138) and what would help (n = 620) reproduce the
 *   seed's percentages to one decimal.
 * - センター活動実績 令和4・5年度 for the 17 centers (clearly fictional counts:
 *   tens of consultations a month, more at the three large associations,
 *   a little more in 令和5年度); 令和6年3月分 has 15 / 17 returned; about two
 *   in three centers report 在宅看取り数. 令和5年度 活動計画書 and 令和4年度
 *   活動報告書 from every center.
 */
import type { OpInput } from '@shared/contract';
import { ACTIVITY_SOURCES, ACTIVITY_THEMES } from '@shared/survey/activity';
import { largestRemainder } from '@shared/survey/aggregate';
import type { Answers, TableRow } from '@shared/survey/answers';
import { AGE_BANDS, CENTER_STAFFING_KEY, CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import type { OpRunner } from '../kernel/context';

const CLINICS = 700;

/** A fixed shuffle (a linear congruential generator), so the demo is the same every time it is loaded. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** `count` copies of each value, in order: repeat([['a', 2], ['b', 1]]) → ['a', 'a', 'b']. */
function repeat<T>(pairs: readonly (readonly [T, number])[]): T[] {
  return pairs.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

async function definitionId(ops: OpRunner, key: string): Promise<number> {
  const found = (await ops.call('survey.definitions.list', {})).find((d) => d.key === key);
  if (!found) throw new Error(`出荷時の調査「${key}」がありません`);
  return found.id;
}

async function loadCenterRound(ops: OpRunner): Promise<void> {
  const centers = await ops.call('masters.centers.list', { fiscalYear: 2023 });
  const round = await ops.call('survey.rounds.create', {
    definitionId: await definitionId(ops, CENTER_STAFFING_KEY),
    fiscalYear: 2023,
    referenceDate: '2023-04-01',
    title: '令和5年度 郡市医師会在宅医療推進センター人員配置状況',
  });
  await ops.call('survey.rounds.markSent', { id: round.id, targetIds: round.targets.map((t) => t.id), sentOn: '2023-04-10' });

  // The three large associations' centers first: they staff the most.
  const county = centers
    .filter((c) => c.role === 'regional')
    .sort((a, b) => Number(b.subsidyClass === 'large_county') - Number(a.subsidyClass === 'large_county'));
  const professionals = repeat([
    ['nurse', 14],
    ['public_health_nurse', 5],
    ['social_worker', 6],
    ['care_manager', 1],
  ] as const);
  const perCenter = [3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2];
  const previousJobs = ['市役所 地域包括支援センター', '病院 地域医療連携室', '訪問看護ステーション', '居宅介護支援事業所'];
  // 病院医師 heads the centers entrusted to hospitals; the rest are the association's officers.
  const posts = shuffled(
    repeat([
      ['chairman', 3],
      ['vice_chairman', 4],
      ['director', 4],
      ['adviser', 1],
    ] as const),
    5,
  );
  let next = 0;
  const entries: { targetId: string; answers: Answers }[] = [];
  for (const [i, center] of county.entries()) {
    const staff: TableRow[] = professionals.splice(0, perCenter[i] ?? 0).map((job, k) => {
      const transfer = (i + k) % 3 === 0;
      return {
        job,
        employment: k === 0 ? 'full_time' : 'part_time',
        fte: k === 0 ? 100 : 60,
        role: 'coordinator',
        hire: transfer ? 'transfer' : 'new',
        ...(transfer ? { previous_job: previousJobs[(i + k) % previousJobs.length]! } : {}),
        qualification:
          job === 'nurse'
            ? '看護師'
            : job === 'public_health_nurse'
              ? '保健師、看護師'
              : job === 'social_worker'
                ? '社会福祉士'
                : '介護支援専門員',
      };
    });
    if (i < 15)
      staff.push({ job: 'clerk', employment: 'part_time', fte: 50 + (i % 4) * 10, role: 'clerical', hire: 'new', qualification: '' });
    entries.push({
      targetId: String(center.id),
      answers: { director_post: center.entrustedTo ? 'hospital_doctor' : posts[next++]!, staff },
    });
  }
  await ops.call('survey.answers.saveMany', { roundId: round.id, entries });
}

/** 700 fictional clinics in the 台帳, each municipality's share by its population (whole clinics by largest remainder). */
async function addFictionalClinics(ops: OpRunner): Promise<string[]> {
  const municipalities = await ops.call('masters.municipalities.list', {});
  const shares = largestRemainder(
    municipalities.map((m) => m.population?.total ?? 0),
    CLINICS,
  );
  const words = [
    'あおぞら',
    'さくら',
    'ひまわり',
    'けやき',
    'みどり',
    'つばき',
    'かえで',
    'すずらん',
    'なのはな',
    'もみじ',
    'こもれび',
    'はなみずき',
    'しらかば',
    'わかば',
    'あさひ',
    'ほたる',
    'やまぶき',
    'こぶし',
    'なでしこ',
    'ゆきつばき',
  ];
  const kinds = ['内科クリニック', '医院', '診療所', 'ファミリークリニック', '内科医院', 'クリニック'];
  const ids: string[] = [];
  for (const [m, municipality] of municipalities.entries()) {
    for (let k = 0; k < shares[m]!; k += 1) {
      const combo = k % (words.length * kinds.length);
      const serial = Math.floor(k / (words.length * kinds.length));
      const name = `（架空）${words[combo % words.length]}${kinds[Math.floor(combo / words.length)]}${serial > 0 ? serial + 1 : ''}（${municipality.name}）`;
      const saved = await ops.call('masters.institutions.save', {
        code: null,
        name,
        kind: 'clinic',
        municipalityCode: municipality.code,
        address: '',
        homeCareSupport: k % 4 === 0,
        enhanced: false,
        beds: null,
      });
      ids.push(String(saved.id));
    }
  }
  return ids;
}

interface ClinicRoundPlan {
  fiscalYear: number;
  referenceDate: string;
  sentOn: string;
  seed: number;
  respondents: number;
  /** 両方, 訪問のみ, 往診のみ; the other respondents 行っていない. */
  now: [number, number, number];
  /** The same for 5 years on, over `future` respondents (some leave it blank). */
  future: { n: number; counts: [number, number, number] };
  /** Doctors per age band (39歳以下 … 80歳以上). */
  doctors: number[];
  /** First-call answers, each a set of choices, given by clinics doing home visits. */
  firstCall: (readonly string[])[];
  /** What would help: respondents and each option's count, in the definition's order. */
  helps: { n: number; counts: number[] };
}

const HELP_CODES = [
  'more_doctors',
  'more_staff',
  'clinics',
  'dental',
  'pharmacy',
  'nursing_station',
  'hospital',
  'care_manager',
  'families',
  'fees',
  'other',
];

const R2: ClinicRoundPlan = {
  fiscalYear: 2020,
  referenceDate: '2020-10-01',
  sentOn: '2020-10-05',
  seed: 2020,
  respondents: 675,
  now: [223, 34, 75],
  future: { n: 673, counts: [195, 40, 67] },
  // 376 doctors, 251 (66.8%) in their sixties or older.
  doctors: [6, 38, 81, 129, 88, 34],
  // n = 165: 医師 144 (87.3%), 自院看護師 22 (13.3%), 事務職 3 (1.8%), その他 2 (1.2%) — some name two.
  firstCall: repeat<readonly string[]>([
    [['doctor'], 138],
    [['doctor', 'nurse'], 5],
    [['doctor', 'clerk'], 1],
    [['nurse'], 17],
    [['clerk'], 2],
    [['other'], 2],
  ]),
  // n = 620: 34.8, 34.0, 23.5, 1.8, 5.8, 35.8, 32.3, 26.1, 18.7, 25.2, 8.2%.
  helps: { n: 620, counts: [216, 211, 146, 11, 36, 222, 200, 162, 116, 156, 51] },
};

const R4: ClinicRoundPlan = {
  fiscalYear: 2022,
  referenceDate: '2022-10-01',
  sentOn: '2022-10-03',
  seed: 2022,
  respondents: 640,
  now: [176, 30, 56],
  future: { n: 640, counts: [160, 34, 52] },
  // 312 doctors, 223 (71.5%) in their sixties or older: 前回比 of that share 1.07.
  doctors: [4, 27, 58, 112, 79, 32],
  // n = 138: 医師 125 (90.6%), 自院看護師 10 (7.2%), 事務職 1 (0.7%), その他 2 (1.4%).
  firstCall: repeat<readonly string[]>([
    [['doctor'], 125],
    [['nurse'], 10],
    [['clerk'], 1],
    [['other'], 2],
  ]),
  helps: { n: 580, counts: [190, 186, 140, 14, 38, 214, 181, 150, 110, 160, 44] },
};

/** Each respondent's answers for a round plan: who does what is shuffled, the totals are the plan's. */
function clinicAnswers(plan: ClinicRoundPlan): Answers[] {
  const visits = ['both', 'visit_only', 'call_only'];
  const now = shuffled(
    [
      ...repeat(visits.map((v, i) => [v, plan.now[i]!] as const)),
      ...repeat([['none', plan.respondents - plan.now.reduce((a, b) => a + b, 0)]] as const),
    ],
    plan.seed,
  );
  const future = shuffled(
    [
      ...repeat(visits.map((v, i) => [v, plan.future.counts[i]!] as const)),
      ...repeat([['none', plan.future.n - plan.future.counts.reduce((a, b) => a + b, 0)]] as const),
    ],
    plan.seed + 1,
  );
  const answers: Answers[] = now.map((v, i) => ({ visits_now: v, ...(i < future.length ? { visits_in_5_years: future[i]! } : {}) }));
  const doing = answers.filter((a) => a.visits_now !== 'none');
  // Every clinic doing home visits has one doctor at least; the rest of the doctors go to the first clinics as a second.
  const bands = shuffled(repeat(AGE_BANDS.map((b, i) => [b.code, plan.doctors[i]!] as const)), plan.seed + 2);
  for (const a of doing) for (const band of AGE_BANDS) a[band.code] = 0;
  bands.forEach((band, i) => {
    const a = doing[i % doing.length]!;
    a[band] = (a[band] as number) + 1;
  });
  plan.firstCall.forEach((choices, i) => (doing[i]!.first_call = [...choices]));
  // Spread each option over consecutive respondents, so every one of the n picks one at least.
  const helps: string[][] = Array.from({ length: plan.helps.n }, () => []);
  let cursor = 0;
  plan.helps.counts.forEach((count, option) => {
    for (let k = 0; k < count; k += 1) helps[(cursor + k) % plan.helps.n]!.push(HELP_CODES[option]!);
    cursor += count;
  });
  helps.forEach((h, i) => (answers[i]!.helps = HELP_CODES.filter((c) => h.includes(c))));
  return answers;
}

async function loadClinicRound(ops: OpRunner, definition: number, clinics: readonly string[], plan: ClinicRoundPlan): Promise<void> {
  const round = await ops.call('survey.rounds.create', {
    definitionId: definition,
    fiscalYear: plan.fiscalYear,
    referenceDate: plan.referenceDate,
    targetIds: [...clinics],
  } satisfies OpInput<'survey.rounds.create'>);
  await ops.call('survey.rounds.markSent', { id: round.id, targetIds: [...clinics], sentOn: plan.sentOn });
  const respondents = shuffled(clinics, plan.seed + 3).slice(0, plan.respondents);
  const entries = clinicAnswers(plan).map((answers, i) => ({ targetId: respondents[i]!, answers }));
  await ops.call('survey.answers.saveMany', { roundId: round.id, entries });
}

/** Per mille of the consultations by who asked and by theme, before each center's own tilt. */
const SOURCE_WEIGHTS = [220, 240, 90, 240, 100, 60, 50];
const THEME_WEIGHTS = [340, 280, 140, 100, 140];
/** A month's share of the year's pace (April first), in percent: fewer in August, more in winter. */
const SEASON = [90, 95, 100, 100, 88, 100, 104, 100, 108, 114, 100, 104];

/** A fixed sequence of numbers in [0, 1000), so the demo is the same every time it is loaded. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((state / 2_147_483_648) * 1000);
  };
}

function monthlyActivity(pace: number, month: number, centerIndex: number, next: () => number, mitori: boolean): Answers {
  const consultations = Math.max(4, Math.round((pace * SEASON[month]!) / 100 + (next() % 11) - 5));
  const tilt = (weights: number[]) => weights.map((w, i) => w + ((next() + centerIndex * 37 + i * 53) % 60));
  const answers: Answers = {
    meetings_held: 1 + (next() % 3),
    trainings_held: month % 3 === centerIndex % 3 ? 1 : 0,
  };
  const sources = largestRemainder(tilt(SOURCE_WEIGHTS), consultations);
  const themes = largestRemainder(tilt(THEME_WEIGHTS), consultations);
  ACTIVITY_SOURCES.forEach((s, i) => (answers[s.code] = sources[i]!));
  ACTIVITY_THEMES.forEach((t, i) => (answers[t.code] = themes[i]!));
  if (mitori) answers.home_deaths = Math.round(consultations / 9) + (next() % 3);
  return answers;
}

async function loadActivityYear(ops: OpRunner, fy: 2022 | 2023): Promise<void> {
  const centers = await ops.call('masters.centers.list', { fiscalYear: fy });
  const { summary } = await ops.call('survey.activity.openYear', { fiscalYear: fy });
  const next = sequence(fy);
  const growth = fy === 2023 ? 106 : 100;
  for (const [month, status] of summary.months.entries()) {
    const roundId = status.roundId!;
    // 令和6年3月分: the last two centers have not sent theirs yet.
    const answering = fy === 2023 && month === 11 ? centers.slice(0, -2) : centers;
    const sentOn = `${month < 9 ? fy : fy + 1}-${String(((month + 4) % 12) + 1).padStart(2, '0')}-01`;
    await ops.call('survey.rounds.markSent', { id: roundId, targetIds: centers.map((c) => String(c.id)), sentOn });
    const entries = answering.map((c, i) => {
      const base = c.role === 'core' ? 14 : c.subsidyClass === 'large_county' ? 58 : 26 + (i % 5) * 3;
      return { targetId: String(c.id), answers: monthlyActivity(Math.round((base * growth) / 100), month, i, next, i % 3 !== 2) };
    });
    await ops.call('survey.answers.saveMany', { roundId, entries });
  }
  const yearly = fy === 2023 ? summary.planRoundId! : summary.reportRoundId!;
  await ops.call('survey.rounds.markSent', {
    id: yearly,
    targetIds: centers.map((c) => String(c.id)),
    sentOn: fy === 2023 ? '2023-04-03' : '2023-03-20',
  });
  const entries = centers.map((c, i) => ({
    targetId: String(c.id),
    answers: (fy === 2023
      ? {
          goals: '（架空の計画）退院から看取りまで切れ目のない支援体制を、圏域の病院・診療所・訪問看護と共に整える。',
          consultation: '専門職からの相談に応じ、困難事例は多職種で検討する。',
          meetings: '圏域の多職種連携会議を四半期ごとに開催する。',
          training: '多職種研修を年2回、同行研修を随時行う。',
          outreach: '市町村と合同で住民向けの講演会を開く。',
          target_consultations: 300 + (i % 5) * 60,
          planned_meetings: 12,
          planned_trainings: 2,
        }
      : {
          results: '（架空の報告）退院支援の相談が増え、病院との連絡票の運用が定着した。',
          issues: '急変時の対応について、診療所と訪問看護の役割分担が課題として残った。',
          next_year: '急変時の連絡体制を多職種で協議し、ルールとしてまとめる。',
          participants: 40 + (i % 4) * 15,
        }) as Answers,
  }));
  await ops.call('survey.answers.saveMany', { roundId: yearly, entries });
}

export async function loadSurveyDemo(ops: OpRunner): Promise<void> {
  await loadCenterRound(ops);
  const clinics = await addFictionalClinics(ops);
  const definition = await definitionId(ops, CLINIC_HOME_CARE_KEY);
  await loadClinicRound(ops, definition, clinics, R2);
  await loadClinicRound(ops, definition, clinics, R4);
  await loadActivityYear(ops, 2022);
  await loadActivityYear(ops, 2023);
}
