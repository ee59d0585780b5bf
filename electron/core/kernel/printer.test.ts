/** One printer for many signed-in cores: prints one at a time, and a core that goes leaves it to the others. */
import { describe, expect, it } from 'vitest';
import type { PrintJob } from '@shared/report/print';
import { type Printer, SharedPrinter } from './printer';

/** A printer that records what it drew and when it was closed, each print taking a moment. */
function recordingPrinter() {
  const log: string[] = [];
  const printer: Printer = {
    async print(job) {
      log.push(`start ${job.title}`);
      await new Promise((done) => setTimeout(done, 20));
      log.push(`end ${job.title}`);
      return { pdf: Buffer.from(job.title), outcome: { charts: [] } };
    },
    async close() {
      log.push('close');
    },
  };
  return { printer, log };
}

const job = (title: string): PrintJob => ({ title, docs: [], pages: null });

describe('SharedPrinter', () => {
  it('prints the leases’ jobs one after another, and closes the printer only for a lease stuck printing or the host', async () => {
    const { printer, log } = recordingPrinter();
    const shared = new SharedPrinter(printer);
    const yamada = shared.lease();
    const tanaka = shared.lease();
    const [a, b] = await Promise.all([yamada.print(job('山田の帳票')), tanaka.print(job('田中の帳票'))]);
    expect([a.pdf.toString(), b.pdf.toString()]).toEqual(['山田の帳票', '田中の帳票']);
    expect(log).toEqual(['start 山田の帳票', 'end 山田の帳票', 'start 田中の帳票', 'end 田中の帳票']);

    // 山田 signs out: the printer stays for 田中.
    await yamada.close();
    expect(log).not.toContain('close');
    // A lease closed while its print runs (it took too long) restarts the printer.
    const printing = tanaka.print(job('遅い帳票'));
    await new Promise((done) => setTimeout(done, 5));
    await tanaka.close();
    await printing;
    expect(log.slice(-3)).toEqual(['start 遅い帳票', 'close', 'end 遅い帳票']);
    await shared.close();
    expect(log.at(-1)).toBe('close');
  });
});
