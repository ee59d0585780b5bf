import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidLocalGovCode, localGovCheckDigit, localGovCodeMessage, localGovCodeProblem } from './lgcode';

const REAL_LIST = path.resolve(__dirname, '../../shared/reference/data/localgovjp/localgovjp-utf8.csv');

describe('全国地方公共団体コード', () => {
  it('accepts 新潟市 151009 and computes its check digit', () => {
    expect(localGovCheckDigit('15100')).toBe(9);
    expect(isValidLocalGovCode('151009')).toBe(true);
  });

  it('names what is wrong with a bad code', () => {
    expect(localGovCodeProblem('151008')).toBe('check_digit');
    expect(localGovCodeMessage('151008', 'check_digit')).toBe('団体コード「151008」の検査数字が正しくありません（正しくは 151009）');
    expect(localGovCodeProblem('15100')).toBe('format');
    expect(localGovCodeProblem('１５１００９')).toBe('format');
  });

  it('agrees with every code of the real national list (1,916 rows)', () => {
    const lines = fs
      .readFileSync(REAL_LIST, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    const codes = lines.map((line) => line.trim().split(',').at(-1)!);
    expect(codes).toHaveLength(1916);
    expect(codes.filter((code) => !isValidLocalGovCode(code))).toEqual([]);
    const niigata = lines.filter((line) => line.split(',')[1] === '新潟県');
    expect(niigata).toHaveLength(38);
  });
});
