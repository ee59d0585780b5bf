/** zod schemas for the small shared value types, reused by every domain. */
import { z } from 'zod';
import { isValidCalendarDate, type IsoDate } from '../dates';

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日付は YYYY-MM-DD の形で入力してください' })
  .refine((s) => {
    const [year, month, day] = s.split('-').map(Number) as [number, number, number];
    return isValidCalendarDate({ year, month, day });
  }, { message: '存在しない日付です' })
  .transform((s) => s as IsoDate);

export const emptyInput = z.object({}).strict();
