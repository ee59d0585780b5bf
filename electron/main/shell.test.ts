import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@shared/security/csp';
import { tempDir } from '@tests/support/tmp';
import { APP_ENTRY_URL, appFileUrl, decideNavigation, isAppUrl } from './navigation';
import { connectWindowOptions, DEFAULT_PLACEMENT, mainWindowOptions, placementOnDisplays, SECURE_WEB_PREFERENCES } from './window-options';

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

describe('the window restored where it was', () => {
  const laptop = { x: 0, y: 0, width: 1366, height: 728 };
  const dockMonitor = { x: 1366, y: 0, width: 1920, height: 1040 };

  it('keeps the place on a display that still shows it, even partly', () => {
    const saved = { x: 2100, y: 80, width: 1360, height: 860 };
    expect(placementOnDisplays(saved, [laptop, dockMonitor])).toEqual(saved);
    expect(placementOnDisplays({ x: -300, y: 10, width: 1360, height: 860 }, [laptop])).toEqual({
      x: -300,
      y: 10,
      width: 1360,
      height: 860,
    });
  });

  it('drops the place on a monitor no longer attached (the laptop undocked): the size stays, the window is centred', () => {
    expect(placementOnDisplays({ x: 2100, y: 80, width: 1360, height: 860 }, [laptop])).toEqual({ width: 1360, height: 860 });
    expect(placementOnDisplays({ x: 100, y: 900, width: 1360, height: 860 }, [laptop])).toEqual({ width: 1360, height: 860 });
  });

  it('opens at the default size the first time', () => {
    expect(placementOnDisplays(undefined, [laptop])).toEqual(DEFAULT_PLACEMENT);
  });
});

describe('the built renderer served on app://renkei', () => {
  it('finds its files when the install folder has # or % in its name, and nothing outside the renderer folder', () => {
    const rendererDir = path.join(tempDir(), 'Renkei #2 100%', 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), '');
    expect(fileURLToPath(appFileUrl(rendererDir, APP_ENTRY_URL)!)).toBe(path.join(rendererDir, 'index.html'));
    expect(fileURLToPath(appFileUrl(rendererDir, 'app://renkei/assets/app.js')!)).toBe(path.join(rendererDir, 'assets', 'app.js'));
    expect(appFileUrl(rendererDir, 'app://renkei/missing.js')).toBeNull();
    expect(appFileUrl(rendererDir, 'app://renkei/..%2F..%2Fsecret.txt')).toBeNull();
    expect(appFileUrl(rendererDir, 'app://evil/index.html')).toBeNull();
  });
});
