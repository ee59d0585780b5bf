/**
 * 全国地方公共団体コード (local government code): five digits and a check
 * digit computed modulus 11 with weights 6,5,4,3,2 — (11 − Σ dᵢwᵢ mod 11) mod 10.
 */

export function localGovCheckDigit(firstFive: string): number {
  if (!/^\d{5}$/.test(firstFive)) {
    throw new RangeError(`団体コードの先頭5桁は数字で指定してください: ${firstFive}`);
  }
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export type LocalGovCodeProblem = 'format' | 'check_digit';

/**
 * Checks a 6-digit code; returns null when valid, or what is wrong with it.
 * @example localGovCodeProblem('151009') // null (新潟市)
 */
export function localGovCodeProblem(code: string): LocalGovCodeProblem | null {
  if (!/^\d{6}$/.test(code)) return 'format';
  return localGovCheckDigit(code.slice(0, 5)) === Number(code[5]) ? null : 'check_digit';
}

export function isValidLocalGovCode(code: string): boolean {
  return localGovCodeProblem(code) === null;
}

/** The Japanese message for a code problem, for the user. */
export function localGovCodeMessage(code: string, problem: LocalGovCodeProblem): string {
  if (problem === 'format') return `団体コード「${code}」は6桁の数字ではありません`;
  const expected = localGovCheckDigit(code.slice(0, 5));
  return `団体コード「${code}」の検査数字が正しくありません（正しくは ${code.slice(0, 5)}${expected}）`;
}

/** 01 北海道 … 47 沖縄県: the first two digits of every code. */
const isPrefectureCode = (two: string) => /^\d{2}$/.test(two) && Number(two) >= 1 && Number(two) <= 47;

/**
 * The codes a five-digit value can stand for: the 総務省 form without its check
 * digit (15202 → 152021), and a code whose leading 0 Excel dropped when it opened
 * a CSV (11002 → 011002) if its check digit holds; each only when its first two
 * digits name a 都道府県.
 * @example localGovCodeReadings('15202') // ['152021', '015202']
 * @example localGovCodeReadings('15100') // ['151009']
 */
export function localGovCodeReadings(five: string): string[] {
  const readings = [`${five}${localGovCheckDigit(five)}`];
  if (localGovCodeProblem(`0${five}`) === null) readings.push(`0${five}`);
  return readings.filter((code) => isPrefectureCode(code.slice(0, 2)));
}
