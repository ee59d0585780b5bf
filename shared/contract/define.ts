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
  /** Built the first time it is read (`lazySchema`). */
  readonly input: Input;
  /** Phantom: carries the result type; never set at run time. */
  readonly output?: Output;
}

/**
 * A schema built the first time anything reads it, and from then on the schema itself in all but identity (so not for
 * what keys schemas by object: zod's registries, `.meta()`, `toJSONSchema`; none is used). Building
 * every operation's schemas when the contract loads took ~40 ms of each `renkei` command's start, for the one or two
 * operations it runs; so the contract declares each schema at its top level through this, and each operation's input
 * (`query` …) as a function this builds from.
 * @example export const idSchema = lazySchema(() => z.number().int().positive());
 */
export function lazySchema<S extends z.ZodType>(build: () => S): S {
  let built: S | undefined;
  const schema = (): S => {
    built ??= build();
    return built;
  };
  // The target stays an empty object: each trap answers for the built schema (its getters run on it, not on this
  // stand-in), and a property is reported configurable, as a proxy may report for one its target lacks.
  return new Proxy({} as S, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    // Frozen, the empty target would contradict every key reported: refused outright instead.
    preventExtensions: () => false,
  });
}

/** The schemas of a file's bytes (fileData), by the object a schema holds (a lazySchema's stand-in is that object). */
const FILE_DATA = new WeakSet<object>();

/**
 * Marks `schema` as a file's bytes as operations take them: base64 text, decoded before use and never kept as text, so
 * parseInput leaves its characters to the file's reader rather than scanning them as a field's text (the national
 * list's 14 MB: ~15 ms for nothing).
 * @example data: fileData(lazySchema(() => z.string().min(1)))
 */
export function fileData<S extends z.ZodType>(schema: S): S {
  FILE_DATA.add(schema);
  return schema;
}

/** Whether `schema` was marked by fileData. */
export function isFileData(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && FILE_DATA.has(schema);
}

function declare<Kind extends OpKind>(kind: Kind) {
  return <Output>(label: string) =>
    <Input extends z.ZodType>(input: () => Input): OpDef<Input, Output, Kind> => ({ kind, label, input: lazySchema(input) });
}

/** `query<Result>('…の表示')(() => inputSchema)` */
export const query = declare('query');
/** `mutation<Result>('…の保存')(() => inputSchema)` */
export const mutation = declare('mutation');
/** `command<Result>('…')(() => inputSchema)` */
export const command = declare('command');
