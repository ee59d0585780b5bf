/** User-visible settings kept in the database (so they travel with the file). */
import { z } from 'zod';
import { mutation, query } from './define';
import { emptyInput } from './schemas';

export const settingsSchema = z.object({
  displayName: z.string().trim().max(40, { message: '表示名は40文字以内で入力してください' }),
  organization: z.string().trim().max(80, { message: '所属は80文字以内で入力してください' }),
  backupKeep: z
    .number({ message: 'バックアップ保持数は数値で入力してください' })
    .int({ message: 'バックアップ保持数は整数で入力してください' })
    .min(1, { message: 'バックアップ保持数は1以上にしてください' })
    .max(365, { message: 'バックアップ保持数は365以下にしてください' }),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  displayName: '',
  organization: '',
  backupKeep: 14,
};

export const settingsOperations = {
  'settings.get': query<Settings>()(emptyInput),
  'settings.update': mutation<Settings>()(settingsSchema.partial().strict()),
};
