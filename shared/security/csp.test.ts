import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, FIRST_SCREEN_GUARD, FIRST_SCREEN_GUARD_HASH } from './csp';

describe('CONTENT_SECURITY_POLICY', () => {
  it('lets run no inline script but the first screen’s guard, by the hash of its text', () => {
    expect(FIRST_SCREEN_GUARD_HASH).toBe(`sha256-${createHash('sha256').update(FIRST_SCREEN_GUARD).digest('base64')}`);
    const scripts = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src '));
    expect(scripts).toBe(`script-src 'self' '${FIRST_SCREEN_GUARD_HASH}'`);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });
});
