/** The backup domain's public face: its operations for the registry (the files and the restore are the kernel's: kernel/backup/). */
export { backupHandlers } from './app';
