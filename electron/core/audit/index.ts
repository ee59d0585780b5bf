/** The audit domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts; the kernel writes the log: kernel/audit.ts). */
export {};
