/** The fund's two sides (医療分・介護分), apart from the fund's schemas, so the home draws them without loading the contract's validation. */
export const FUND_SIDES = ['medical', 'care'] as const;
export type FundSide = (typeof FUND_SIDES)[number];
export const FUND_SIDE_LABELS: Record<FundSide, string> = { medical: '医療分', care: '介護分' };
