/** The history domain's public face: it offers nothing to other domains (the registry takes its operations from app.ts). */
export {};
