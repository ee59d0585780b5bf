/**
 * The two surveys Renkei ships, built from seed 000 (Niigata, R5 and the
 * R2/R4 clinic rounds) and seed 002 (Saitama's roster items: new hire or
 * transfer, qualification). Every database starts with them; the user may
 * change them (a new version once answers exist).
 */
import type { SurveyDefinitionInput } from './definition';

export const CENTER_STAFFING_KEY = 'center_staffing';
export const CLINIC_HOME_CARE_KEY = 'clinic_home_care';

/** 職種 of the roster, in the order of the form and of the composition chart. */
export const JOB_CHOICES = [
  { code: 'nurse', label: '看護師' },
  { code: 'public_health_nurse', label: '保健師' },
  { code: 'social_worker', label: '社会福祉士' },
  { code: 'msw', label: 'MSW' },
  { code: 'care_manager', label: '介護支援専門員' },
  { code: 'clerk', label: '事務職' },
  { code: 'pt', label: 'PT' },
  { code: 'other', label: 'その他' },
] as const;

export const CENTER_STAFFING: SurveyDefinitionInput = {
  name: 'センター人員配置状況調査',
  targetKind: 'center',
  description:
    '在宅医療推進センターのセンター長の役職と、配置している職員（1人1行）を伺います。配置職員の職種等の定めはなく、非常勤の方も1行ずつ記入してください。',
  questions: [
    {
      code: 'director_post',
      label: 'センター長の医師会内役職',
      type: 'choice',
      required: true,
      choices: [
        { code: 'chairman', label: '会長' },
        { code: 'vice_chairman', label: '副会長' },
        { code: 'director', label: '理事' },
        { code: 'adviser', label: '顧問' },
        { code: 'hospital_doctor', label: '病院医師' },
        { code: 'other', label: 'その他' },
      ],
    },
    {
      code: 'director_post_other',
      label: 'センター長の役職（その他の場合）',
      type: 'text',
      maxLength: 100,
      when: { question: 'director_post', in: ['other'] },
    },
    {
      code: 'staff',
      label: '配置職員',
      type: 'table',
      required: true,
      maxRows: 20,
      help: '1人1行で、上の行から詰めて記入してください。',
      columns: [
        { code: 'job', label: '職種', type: 'choice', required: true, choices: [...JOB_CHOICES] },
        {
          code: 'employment',
          label: '勤務形態',
          type: 'choice',
          required: true,
          choices: [
            { code: 'full_time', label: '常勤' },
            { code: 'part_time', label: '非常勤' },
          ],
        },
        {
          code: 'fte',
          label: '常勤換算',
          type: 'decimal',
          required: true,
          decimals: 2,
          min: 1,
          max: 200,
          warnAbove: { value: 100, reason: '1人の常勤換算は通常1.00以下です' },
          help: '常勤は1.00、週20時間の非常勤は0.50のように小数第2位まで',
        },
        {
          code: 'role',
          label: '役割',
          type: 'choice',
          required: true,
          choices: [
            { code: 'coordinator', label: 'コーディネーター' },
            { code: 'clerical', label: '事務' },
          ],
        },
        {
          code: 'hire',
          label: '採用区分',
          type: 'choice',
          choices: [
            { code: 'new', label: '新規採用' },
            { code: 'transfer', label: '異動' },
          ],
        },
        { code: 'previous_job', label: '前職（異動の場合）', type: 'text', maxLength: 100, when: { question: 'hire', in: ['transfer'] } },
        { code: 'qualification', label: '保有資格', type: 'text', maxLength: 100 },
      ],
    },
  ],
};

const VISITS = [
  { code: 'both', label: '両方' },
  { code: 'visit_only', label: '訪問のみ' },
  { code: 'call_only', label: '往診のみ' },
  { code: 'none', label: '行っていない' },
];
const DOING = ['both', 'visit_only', 'call_only'];

/** Age bands of the doctors doing home visits (seed 000's chart, per 圏域 and round). */
export const AGE_BANDS = [
  { code: 'doctors_39', label: '39歳以下' },
  { code: 'doctors_40s', label: '40歳代' },
  { code: 'doctors_50s', label: '50歳代' },
  { code: 'doctors_60s', label: '60歳代' },
  { code: 'doctors_70s', label: '70歳代' },
  { code: 'doctors_80', label: '80歳以上' },
] as const;

export const CLINIC_HOME_CARE: SurveyDefinitionInput = {
  name: '在宅医療提供体制に関する実態調査（診療所）',
  targetKind: 'institution',
  institutionKinds: ['clinic'],
  description:
    '医科診療所の訪問診療・往診の実施状況と今後の意向、担当医師の年代、時間外の対応、提供件数を増やすために必要なことを伺います。',
  questions: [
    { code: 'visits_now', label: '訪問診療や往診を行っているか（現在）', type: 'choice', required: true, choices: VISITS },
    // Not required: seed 000 counts 673 answers here against 675 for now.
    { code: 'visits_in_5_years', label: '訪問診療や往診を行っているか（5年後の意向）', type: 'choice', choices: VISITS },
    ...AGE_BANDS.map((band) => ({
      code: band.code,
      label: `訪問診療・往診を担当している医師数（${band.label}）`,
      type: 'integer' as const,
      required: true,
      min: 0,
      max: 99,
      unit: '人',
      help: '該当がなければ 0 を記入してください',
      when: { question: 'visits_now', in: DOING },
    })),
    {
      code: 'first_call',
      label: '時間外のファーストコールに対応している職員（複数回答）',
      type: 'multi',
      when: { question: 'visits_now', in: DOING },
      choices: [
        { code: 'doctor', label: '医師' },
        { code: 'nurse', label: '自院看護師' },
        { code: 'clerk', label: '事務職' },
        { code: 'other', label: 'その他' },
      ],
    },
    {
      code: 'helps',
      label: '訪問診療の提供件数を増やすために必要と思うこと（複数回答）',
      type: 'multi',
      // The eleven options of seed 000, word for word.
      choices: [
        { code: 'more_doctors', label: '自院の担当医師増員' },
        { code: 'more_staff', label: '自院の医師以外のスタッフ増員' },
        { code: 'clinics', label: '在宅医療を行う他の診療所との連携' },
        { code: 'dental', label: '在宅医療を行う歯科診療所／歯科医療連携室との連携' },
        { code: 'pharmacy', label: '薬局との連携' },
        { code: 'nursing_station', label: '訪問看護ステーションとの連携' },
        { code: 'hospital', label: '病院との連携' },
        { code: 'care_manager', label: 'ケアマネジャーとの連携' },
        { code: 'families', label: '患者家族への周知、需要とニーズ発掘' },
        { code: 'fees', label: '診療報酬の引上げ、加算要件緩和等' },
        { code: 'other', label: 'その他' },
      ],
    },
  ],
  indicators: [
    {
      kind: 'count',
      code: 'clinics_doing',
      label: '訪問診療や往診を行っている診療所',
      unit: '施設',
      question: 'visits_now',
      choices: DOING,
    },
    { kind: 'sum', code: 'doctors', label: '訪問診療や往診を担当している医師', unit: '人', questions: AGE_BANDS.map((b) => b.code) },
    {
      kind: 'sum',
      code: 'doctors_60_plus',
      label: '訪問診療や往診を担当している60歳代以上の医師',
      unit: '人',
      questions: ['doctors_60s', 'doctors_70s', 'doctors_80'],
    },
  ],
};

export const SHIPPED_DEFINITIONS: readonly { key: string; definition: SurveyDefinitionInput }[] = [
  { key: CENTER_STAFFING_KEY, definition: CENTER_STAFFING },
  { key: CLINIC_HOME_CARE_KEY, definition: CLINIC_HOME_CARE },
];
