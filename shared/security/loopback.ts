/**
 * A server on this machine: the one place where a shared database may go
 * without TLS by default (nothing crosses a network). The core's connection
 * and the desktop's connection form both ask here.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(
    host
      .trim()
      .toLowerCase()
      .replace(/^\[|\]$/g, ''),
  );
}
