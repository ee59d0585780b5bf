/** The settings domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts; others read settings through the kernel: kernel/settings.ts). */
export {};
