/**
 * What the signed-in person's role lets them do, as a screen asks before it
 * offers something: the same table the core enforces
 * (shared/contract/permissions.ts). On a file the role is always 県・担当.
 */
import type { OpName } from '@shared/contract';
import type { Role } from '@shared/contract/accounts';
import { refusalFor } from '@shared/contract/permissions';
import { useQuery } from '../api/hooks';

/** The role, or undefined until the session is known. */
export function useRole(): Role | undefined {
  return useQuery('accounts.session', {}).data?.role;
}

/** Whether `role` may run `name` (with `input`, for operations whose rule depends on it). */
export function may(role: Role, name: OpName, input: unknown = {}): boolean {
  return refusalFor(name, '', role, input) === null;
}

/** Asks whether the role may run an operation: yes until the role is known (as on a file; the core refuses whatever is not). */
export function useCan(): (name: OpName, input?: unknown) => boolean {
  const role = useRole();
  return (name, input) => !role || may(role, name, input);
}
