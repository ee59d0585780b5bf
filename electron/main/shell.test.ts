import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import { APP_ENTRY_URL, decideNavigation, isAppUrl } from './navigation';
import { connectWindowOptions, mainWindowOptions, SECURE_WEB_PREFERENCES } from './window-options';

describe('Electron shell security', () => {
  it('pins every security setting of the window', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('builds the window with those settings and a preload, whatever placement is passed', () => {
    const options = mainWindowOptions('/app/preload.cjs', { width: 800, height: 600, x: 5, y: 5 });
    expect(options.webPreferences).toEqual({ preload: '/app/preload.cjs', ...SECURE_WEB_PREFERENCES });
    expect(options.width).toBe(800);
  });

  it('builds the 共有データベースに接続 window with the same settings and preload', () => {
    const options = connectWindowOptions('/app/preload.cjs');
    expect(options.webPreferences).toEqual({ preload: '/app/preload.cjs', ...SECURE_WEB_PREFERENCES });
    expect(options.title).toContain('共有データベースに接続');
  });

  it('lets the window go only to the app itself; web links open outside; everything else is refused', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(decideNavigation('app://renkei/index.html#/settings')).toBe('allow');
    expect(decideNavigation('app://evil/index.html')).toBe('deny');
    expect(decideNavigation('https://www.mhlw.go.jp/')).toBe('open-externally');
    expect(decideNavigation('http://127.0.0.1:8080/')).toBe('open-externally');
    expect(decideNavigation('file:///etc/passwd')).toBe('deny');
    expect(decideNavigation('javascript:alert(1)')).toBe('deny');
    expect(decideNavigation('not a url')).toBe('deny');
  });

  it('has a strict Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
