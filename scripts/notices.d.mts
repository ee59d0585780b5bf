/** scripts/notices.mjs, as the packaging test imports it. */
export const NOTICES_FILE: string;
export const NODE_ENTRIES: string[];
export function bundledPackages(): Promise<string[]>;
export function writeNotices(): Promise<{ name: string; version: string; license: string; text: string }[]>;
