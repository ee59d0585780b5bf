/** The 年度 the year view opens on: the newest one with a budget version, looking back ten years from this one. */
import { useEffect, useState } from 'react';
import { useApi } from '@renderer/api/hooks';
import { currentFiscalYear } from '@renderer/components/FiscalYearSelect';
import type { FundSide } from '@shared/contract/fund';
import { addFiscalYears, type FiscalYear } from '@shared/fiscal-year';

const LOOK_BACK = 10;

/** Undefined while looking; this 年度 when none of the years has a plan (or the look-up fails). */
export function useNewestPlannedYear(side: FundSide): FiscalYear | undefined {
  const { client } = useApi();
  const [found, setFound] = useState<FiscalYear>();
  useEffect(() => {
    let live = true;
    const look = async () => {
      const now = currentFiscalYear();
      for (let back = 0; back <= LOOK_BACK; back += 1) {
        const fy = addFiscalYears(now, -back);
        if ((await client.call('fund.year', { side, fiscalYear: fy })).versions.length > 0) return fy;
        if (!live) return now;
      }
      return now;
    };
    look().then(
      (fy) => live && setFound(fy),
      () => live && setFound(currentFiscalYear()),
    );
    return () => {
      live = false;
    };
  }, [client, side]);
  return found;
}
