/**
 * What 元に戻す says where it cannot be used, and when it asks first, without the contract's schemas: the top bar (in
 * the first screen's scripts, which load no zod) says it itself, and the core refuses with the same words.
 */
export const NO_SHARED_UNDO = '共有データベース（PostgreSQL）では、元に戻す・やり直すはまだ使えません。変更は画面で直接直してください。';

/** An undo or redo that would change more records than this is asked about first, naming what and how many (Undo.tsx). */
export const LARGE_UNDO = 20;
