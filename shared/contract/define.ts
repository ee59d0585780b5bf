/**
 * How an operation is declared: its kind, its input schema and (as a type
 * only) its result. The core registers a handler for every declared name;
 * the renderer calls them by name through one typed client.
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
  readonly input: Input;
  /** Phantom: carries the result type; never set at run time. */
  readonly output?: Output;
}

function declare<Kind extends OpKind>(kind: Kind) {
  return <Output>() =>
    <Input extends z.ZodType>(input: Input): OpDef<Input, Output, Kind> => ({ kind, input });
}

/** `query<Result>()(inputSchema)` */
export const query = declare('query');
/** `mutation<Result>()(inputSchema)` */
export const mutation = declare('mutation');
/** `command<Result>()(inputSchema)` */
export const command = declare('command');
