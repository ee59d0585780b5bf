/**
 * Typing for the handlers each domain registers: the context follows the
 * operation's kind in the contract, the input and result its schema and type.
 */
import type { Operations, OpName, OpOutput, OpParsedInput } from '@shared/contract';
import type { CommandContext, MutationContext, QueryContext } from './context';

type ContextFor<K> = K extends 'query' ? QueryContext : K extends 'mutation' ? MutationContext : CommandContext;

export type Handler<N extends OpName> = (input: OpParsedInput<N>, ctx: ContextFor<Operations[N]['kind']>) => Promise<OpOutput<N>>;

export type HandlerMap<K extends OpName> = { [N in K]: Handler<N> };

/** Declares a domain's handlers, checked against the contract. */
export function handlers<K extends OpName>(map: HandlerMap<K>): HandlerMap<K> {
  return map;
}

/** Every operation's handler, as the registry composes them. */
export type Registry = HandlerMap<OpName>;

type Joined<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Joined<R> : unknown;

/**
 * Joins the domains' handler maps into one, typed as all of them together (so
 * the registry's type tells a missing handler). Two domains registering one
 * operation is a programming error, refused at start-up: a spread would let
 * the later one win silently.
 */
export function composeHandlers<const T extends readonly object[]>(...maps: T): Joined<T> {
  const joined: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in joined) throw new Error(`操作「${name}」が二か所で登録されています`);
      joined[name] = handler;
    }
  }
  return joined as Joined<T>;
}
