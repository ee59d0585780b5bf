/** The settings domain's public face: its operations for the registry (others read settings through the kernel: kernel/settings.ts). */
export { settingsHandlers } from './app';
