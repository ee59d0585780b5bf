/**
 * The roles a person may have in shared mode, as the menus and the audit log
 * name them. Apart from the accounts' schemas, so the first screen draws them
 * without loading the contract's validation.
 */
export const ROLES = ['pref_staff', 'pref_viewer', 'assoc'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  pref_staff: '県・担当',
  pref_viewer: '県・閲覧',
  assoc: '医師会・事務局',
};
