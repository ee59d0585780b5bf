/**
 * zod schemas for the small shared value types, reused by every domain. Their
 * messages are phrases, not sentences, so validation puts the field's name in
 * front (「開始日: 存在しない日付（例: 2月30日）」).
 */
import { z } from 'zod';
import { isValidCalendarDate, type IsoDate } from '../dates';

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日付の形が違います（例: 2025-04-01）' })
  .refine((s) => {
    const [year, month, day] = s.split('-').map(Number) as [number, number, number];
    return isValidCalendarDate({ year, month, day });
  }, { message: '存在しない日付（例: 2月30日）' })
  .transform((s) => s as IsoDate);

export const emptyInput = z.object({}).strict();
