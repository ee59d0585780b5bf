/** The audit domain's public face: its operations for the registry (the kernel writes the log: kernel/audit.ts). */
export { auditHandlers } from './app';
