/** Line breaking beside a letter's own words: closing brackets in a row, as a 通知書's 根拠 line ends. */
import { describe, expect, it } from 'vitest';
import { breakLines } from './lines';

describe('two closing brackets at a line’s end', () => {
  const advance = () => 10;

  it('go down together with the character before them, as the print sets 「…（上記以外））」', () => {
    // 「外）」 fits with its first 「）」 set half-width, the second does not: the print starts the line with 「外））」, never with 「）」.
    const lines = breakLines('ああ（ああ以外））', 72, advance).map((l) => l.text);
    expect(lines).toEqual(['ああ（ああ以', '外））']);
  });
});
