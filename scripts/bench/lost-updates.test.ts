import { describe, expect, it } from 'vitest';
import { isConflictRefusal, lostUpdates, percentile } from './lost-updates';

describe('lostUpdates', () => {
  it('finds none when each accepted save rests on the one before and the last is what stays', () => {
    const saves = [
      { basedOn: 'a', wrote: 'b' },
      { basedOn: 'b', wrote: 'c' },
      { basedOn: 'c', wrote: 'd' },
    ];
    expect(lostUpdates('a', saves, 'd')).toBe(0);
    expect(lostUpdates('a', [], 'a')).toBe(0);
  });

  it('counts a save accepted on a read another accepted save had already moved past', () => {
    const saves = [
      { basedOn: 'a', wrote: 'b' },
      { basedOn: 'a', wrote: 'c' },
      { basedOn: 'c', wrote: 'd' },
    ];
    expect(lostUpdates('a', saves, 'd')).toBe(1);
  });

  it('counts the saves after the final state as lost (written over by something not accepted)', () => {
    const saves = [
      { basedOn: 'a', wrote: 'b' },
      { basedOn: 'b', wrote: 'c' },
    ];
    expect(lostUpdates('a', saves, 'b')).toBe(1);
    expect(lostUpdates('a', saves, 'a')).toBe(2);
  });

  it('counts every save lost when the final state is none of theirs', () => {
    expect(lostUpdates('a', [{ basedOn: 'a', wrote: 'b' }], 'x')).toBe(1);
    expect(lostUpdates('a', [{ basedOn: 'b', wrote: 'c' }], 'c')).toBe(1);
  });
});

describe('isConflictRefusal', () => {
  it('takes the version conflict with its Japanese message and nothing else', () => {
    const message =
      '「在宅医療推進事業」の当初予算の金額は、他の人（デモ 担当者）が 13:05 に変更しました。今の入力は保存していません。再読み込みしてください。';
    expect(isConflictRefusal({ code: 'conflict', message })).toBe(true);
    const own =
      '「在宅医療推進事業」の当初予算の金額は、この画面を開いたあとに、元に戻す操作または別の画面で、あなた（デモ 担当者）が 13:05 に変更しました。今の入力は保存していません。再読み込みしてください。';
    expect(isConflictRefusal({ code: 'conflict', message: own })).toBe(true);
    expect(isConflictRefusal({ code: 'conflict', message: 'conflict' })).toBe(false);
    expect(isConflictRefusal({ code: 'unavailable', message })).toBe(false);
    expect(isConflictRefusal(new Error(message))).toBe(false);
  });
});

describe('percentile', () => {
  it('takes the nearest rank, 0 for no values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(51);
    expect(percentile(values, 95)).toBe(96);
    expect(percentile([], 95)).toBe(0);
  });
});
