/** The figures every fault guard reports, so runs can be compared over time. */

export interface FaultCounts {
  guard: string;
  attempts: number;
  /** Accepted and done (a valid input, a completed save). */
  accepted: number;
  /** Refused with a clear message (4xx, a Japanese reason). */
  clearErrors: number;
  /** A 500, an internal error, a dropped connection, a damaged database. */
  crashes: number;
  /** Something refused or interrupted that still left part of itself behind. */
  partialWrites: number;
  /** A save that was confirmed and is not in the database afterwards. */
  lostConfirmations: number;
  /** Control or bidi characters (NUL, U+202E …) accepted into a record. */
  acceptedHostileText: number;
  /** The first few failures, to start from. */
  examples: string[];
}

export function emptyCounts(guard: string): FaultCounts {
  return {
    guard,
    attempts: 0,
    accepted: 0,
    clearErrors: 0,
    crashes: 0,
    partialWrites: 0,
    lostConfirmations: 0,
    acceptedHostileText: 0,
    examples: [],
  };
}

/** One line per guard: attempts, accepted, clear errors, crashes, partial writes, lost confirmations. */
export function formatCounts(c: FaultCounts): string {
  return `${c.guard}: 試行 ${c.attempts}、受理 ${c.accepted}、明確な拒否 ${c.clearErrors}、異常終了 ${c.crashes}、中途半端な書き込み ${c.partialWrites}、確認済みの保存の消失 ${c.lostConfirmations}、制御文字の受理 ${c.acceptedHostileText}`;
}

/** The figures that must be zero. */
export function failures(c: FaultCounts): number {
  return c.crashes + c.partialWrites + c.lostConfirmations + c.acceptedHostileText;
}
