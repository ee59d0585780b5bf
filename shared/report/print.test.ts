import { describe, expect, it } from 'vitest';
import { isoDate } from '../dates';
import type { ReportDoc } from './model';
import { pageRules, singleJob } from './print';

const doc = (orientation: ReportDoc['orientation']): ReportDoc => ({
  name: 'x',
  title: '帳票',
  orientation,
  params: { date: '2024-04-01' },
  header: { date: isoDate(2024, 4, 1) },
  blocks: [],
});

describe('the print page’s @page rules', () => {
  it('numbers a lone report 「n / total」 over the whole print', () => {
    expect(pageRules(singleJob(doc('landscape')))).toBe(
      '@page renkei-doc-0 { size: 842.88pt 595.92pt; @bottom-center { content: counter(page) " / " counter(pages); font-family: sans-serif; font-size: 8pt; color: #000; } }',
    );
  });

  it('numbers each document of a pack from 1 where it starts, from the lengths the first print measured', () => {
    const rules = pageRules({ title: '一式', docs: [doc('portrait'), doc('landscape'), doc('portrait')], pages: [1, 3, 2] });
    // The cover is page 1; the second document prints on pages 2–4 as 1–3, the third on 5–6 as 1–2.
    expect(rules).toContain('@counter-style renkei-doc-0 { system: fixed 1; symbols: "1"; }');
    expect(rules).toContain('@counter-style renkei-doc-1 { system: fixed 2; symbols: "1" "2" "3"; }');
    expect(rules).toContain('@counter-style renkei-doc-2 { system: fixed 5; symbols: "1" "2"; }');
    expect(rules).toContain('@page renkei-doc-1 { size: 842.88pt 595.92pt; @bottom-center { content: counter(page, renkei-doc-1) " / 3";');
  });

  it('prints a page made to be placed inside another without a number, alone or among others', () => {
    const slide = { ...doc('landscape'), pageNumbers: false } as const;
    expect(pageRules(singleJob(slide))).toBe('@page renkei-doc-0 { size: 842.88pt 595.92pt;  }');
    const rules = pageRules({ title: '一式', docs: [slide, doc('portrait')], pages: [1, 2] });
    expect(rules).toContain('@page renkei-doc-0 { size: 842.88pt 595.92pt;  }');
    expect(rules).toContain('@counter-style renkei-doc-1 { system: fixed 2; symbols: "1" "2"; }');
  });

  it('prints a measuring pass of several documents without numbers', () => {
    const rules = pageRules({ title: '一式', docs: [doc('portrait'), doc('landscape')], pages: null });
    expect(rules).not.toContain('@bottom-center');
    expect(rules).toContain('@page renkei-doc-1 { size: 842.88pt 595.92pt;');
  });
});
