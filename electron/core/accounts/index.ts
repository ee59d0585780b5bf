/** The accounts domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts; the roles themselves are the kernel's: kernel/db/roles.ts). */
export {};
