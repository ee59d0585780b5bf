/**
 * How an operation is declared: its kind, its Japanese label, its input schema
 * and (as a type only) its result. The core registers a handler for every
 * declared name; the renderer calls them by name through one typed client.
 */
import type { z } from 'zod';

/**
 * - query: reads only.
 * - mutation: one database transaction, with audit entries written in it.
 * - command: acts on the database file itself (backup, restore, open).
 */
export type OpKind = 'query' | 'mutation' | 'command';

export interface OpDef<Input extends z.ZodType = z.ZodType, Output = unknown, Kind extends OpKind = OpKind> {
  readonly kind: Kind;
  /** What the user reads for it (audit log, 元に戻す, CLI): required, so an operation without one fails to compile. */
  readonly label: string;
  readonly input: Input;
  /** Phantom: carries the result type; never set at run time. */
  readonly output?: Output;
}

function declare<Kind extends OpKind>(kind: Kind) {
  return <Output>(label: string) =>
    <Input extends z.ZodType>(input: Input): OpDef<Input, Output, Kind> => ({ kind, label, input });
}

/** `query<Result>('…の表示')(inputSchema)` */
export const query = declare('query');
/** `mutation<Result>('…の保存')(inputSchema)` */
export const mutation = declare('mutation');
/** `command<Result>('…')(inputSchema)` */
export const command = declare('command');
