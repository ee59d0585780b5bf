/** The registry's one rule at start-up: an operation has exactly one handler. */
import { describe, expect, it } from 'vitest';
import { operations } from '@shared/contract';
import { registry } from '../registry';
import { composeHandlers } from './handlers';

describe('composeHandlers', () => {
  it('refuses an operation registered by two domains, naming it', () => {
    const first = { 'app.summary': async () => null };
    const second = { 'app.summary': async () => null, 'app.home': async () => null };
    expect(() => composeHandlers(first, second)).toThrow('操作「app.summary」が二か所で登録されています');
  });

  it('joins distinct maps into one', () => {
    const joined = composeHandlers({ a: 1 }, { b: 2 });
    expect(joined).toEqual({ a: 1, b: 2 });
  });

  it('gives every operation of the contract exactly one handler in the registry', () => {
    expect(Object.keys(registry).sort()).toEqual(Object.keys(operations).sort());
  });
});
