/**
 * The core's refusals as fields see them: every issue of a zod refusal at its
 * field (nested paths included), a refusal naming no field kept for the notice,
 * and each leftover message once.
 */
import { describe, expect, it } from 'vitest';
import { RenkeiError } from '@shared/contract/errors';
import { subsidyOperations } from '@shared/contract/subsidy';
import { parseInput } from '@shared/contract/validate';
import { issuesOf, messageAt, unplacedMessages } from './formErrors';

/** The refusal the core sends for `input`, made by the contract's own validation. */
function refusal(input: unknown) {
  try {
    parseInput(subsidyOperations['subsidy.steps.add'], input);
  } catch (error) {
    if (error instanceof RenkeiError) return error.toOpError();
    throw error;
  }
  throw new Error('accepted');
}

describe('form errors', () => {
  it('puts every wrong field of one refusal at its own field, nested ones included', () => {
    const error = refusal({
      centerId: 1,
      fiscalYear: 2024,
      kind: 'application',
      datedOn: '2024-04-15',
      inputs: { programs: [{ kind: 'operating', code: 'operating', totalCost: -100, otherIncome: 0, eligibleExpense: -5 }] },
    });
    const issues = issuesOf(error);
    expect(issues.length).toBe(2);
    expect(messageAt(issues, ['inputs', 'programs', 0, 'totalCost'])).toContain('0円以上で入力してください');
    expect(messageAt(issues, ['inputs', 'programs', 0, 'eligibleExpense'])).toContain('0円以上で入力してください');
    expect(messageAt(issues, 'datedOn')).toBeUndefined();
    // A field holding others (the program) shows the first of them.
    expect(messageAt(issues, ['inputs', 'programs', 0])).toBe(messageAt(issues, ['inputs', 'programs', 0, 'totalCost']));
    expect(
      unplacedMessages(issues, [
        ['inputs', 'programs', 0, 'totalCost'],
        ['inputs', 'programs', 0, 'eligibleExpense'],
      ]),
    ).toEqual([]);
  });

  it('keeps a refusal about the whole record, or about a field the form does not show, for the notice, each message once', () => {
    const conflict = { code: 'conflict' as const, message: '同じ名前の圏域があります。' };
    expect(issuesOf(conflict)).toEqual([{ path: [], message: '同じ名前の圏域があります。' }]);
    expect(messageAt(issuesOf(conflict), 'name')).toBeUndefined();
    expect(unplacedMessages(issuesOf(conflict), ['name'])).toEqual(['同じ名前の圏域があります。']);
    const twice = [
      { path: ['rows', 0], message: '重複しています' },
      { path: ['rows', 1], message: '重複しています' },
      { path: ['name'], message: '名前を入力してください' },
    ];
    expect(unplacedMessages(twice, ['name'])).toEqual(['重複しています']);
    expect(issuesOf(undefined)).toEqual([]);
  });

  it('reads a refusal with only a path (no issues) as one issue at that field', () => {
    const error = { code: 'validation' as const, message: '指定日を入力してください', path: ['designatedOn'] };
    expect(messageAt(issuesOf(error), 'designatedOn')).toBe('指定日を入力してください');
    expect(messageAt(issuesOf(error), 'designated')).toBeUndefined();
  });
});
