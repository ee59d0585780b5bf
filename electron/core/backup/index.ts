/** The backup domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts; the files and the restore are the kernel's: kernel/backup/). */
export {};
