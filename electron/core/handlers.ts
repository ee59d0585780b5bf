/**
 * Typing for the handlers each domain registers: the context follows the
 * operation's kind in the contract, the input and result its schema and type.
 */
import type { OpName, OpOutput, OpParsedInput, Operations } from '../../shared/contract';
import type { CommandContext, MutationContext, QueryContext } from './context';

type ContextFor<K> = K extends 'query' ? QueryContext : K extends 'mutation' ? MutationContext : CommandContext;

export type Handler<N extends OpName> = (
  input: OpParsedInput<N>,
  ctx: ContextFor<Operations[N]['kind']>,
) => Promise<OpOutput<N>>;

export type HandlerMap<K extends OpName> = { [N in K]: Handler<N> };

/** Declares a domain's handlers, checked against the contract. */
export function handlers<K extends OpName>(map: HandlerMap<K>): HandlerMap<K> {
  return map;
}
