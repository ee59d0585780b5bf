/**
 * The settings domain's public face: the registry takes its operations from app.ts; others read settings through the
 * kernel (kernel/settings.ts) and change them only with updateSettings (audited as a settings change of its own).
 */
export { updateSettings } from './write';
