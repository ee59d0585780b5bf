/** The jobs domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts; the job board itself is the kernel's: kernel/jobs/). */
export {};
