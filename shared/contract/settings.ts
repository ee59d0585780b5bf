/** User-visible settings kept in the database (so they travel with the file). */
import { z } from 'zod';
import { CATEGORY_NOTATIONS } from '../fund/categories';
import { emptyInput } from './common';
import { lazySchema, mutation, query } from './define';

export const TABLE_DENSITIES = ['compact', 'comfortable'] as const;
export const TABLE_DENSITY_LABELS: Record<(typeof TABLE_DENSITIES)[number], string> = {
  compact: '詰めて表示（Excel に近い行の高さ）',
  comfortable: 'ゆったり表示',
};

export const settingsSchema = lazySchema(() =>
  z.object({
    displayName: z.string().trim().max(40, { message: '表示名は40文字以内で入力してください' }),
    organization: z.string().trim().max(80, { message: '所属は80文字以内で入力してください' }),
    backupKeep: z
      .number({ message: 'バックアップ保持数は数値で入力してください' })
      .int({ message: 'バックアップ保持数は整数で入力してください' })
      .min(1, { message: 'バックアップ保持数は1以上にしてください' })
      .max(365, { message: 'バックアップ保持数は365以下にしてください' }),
    /** 提出者 on formal documents and 発信者 of the prefecture's letters; blank = the 知事 below. */
    submitter: z.string().trim().max(60, { message: '提出者は60文字以内で入力してください' }),
    /** The 知事's title as letters write it; blank = 「<県名>知事」. */
    governorTitle: z.string().trim().max(40, { message: '知事の職名は40文字以内で入力してください' }),
    /** The 知事's name (e.g. 花角　英世), after the title on letters and in 宛先 of what centers submit. */
    governorName: z.string().trim().max(40, { message: '知事の氏名は40文字以内で入力してください' }),
    /** 会長 of each 医師会 by the 台帳's name of the association (the 台帳 keeps no person), printed on letters. */
    associationPresidents: z.record(z.string(), z.string().trim().max(40, { message: '会長の氏名は40文字以内で入力してください' })),
    /** 担当者 and contact, printed under the 提出者. */
    personInCharge: z.string().trim().max(80, { message: '担当者は80文字以内で入力してください' }),
    /** 宛先の地方厚生局; blank = the prefecture's own (新潟県 → 関東信越厚生局). */
    regionalBureau: z.string().trim().max(40, { message: '地方厚生局は40文字以内で入力してください' }),
    /** Row height of the tables: compact (Excel-like, the default) or comfortable. */
    density: z.enum(TABLE_DENSITIES),
    /** How the 都道府県計画 and 事後評価 write the 区分: 区分Ⅰ-1 or 区分1-1. */
    fundCategoryNotation: z.enum(CATEGORY_NOTATIONS),
  }),
);

export type Settings = z.infer<typeof settingsSchema>;
export type TableDensity = Settings['density'];

export const DEFAULT_SETTINGS: Settings = {
  displayName: '',
  organization: '',
  backupKeep: 14,
  submitter: '',
  governorTitle: '',
  governorName: '',
  associationPresidents: {},
  personInCharge: '',
  regionalBureau: '',
  density: 'compact',
  fundCategoryNotation: 'roman',
};

export const settingsOperations = {
  'settings.get': query<Settings>('設定の表示')(() => emptyInput),
  'settings.update': mutation<Settings>('設定の変更')(() => settingsSchema.partial().strict()),
};
