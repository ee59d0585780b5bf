/**
 * electron-builder cannot run here (Electron is not downloadable), so its
 * configuration is checked instead: the targets the offices need, and every
 * file it packs present after `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function pngSize(file: string): { width: number; height: number } {
  const header = fs.readFileSync(file).subarray(0, 24);
  expect(header.subarray(1, 4).toString()).toBe('PNG');
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('builds per-user Japanese installers for Windows and an AppImage for Linux', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, installerLanguages: ['ja_JP'], language: '1041' });
    expect(config.linux.target).toEqual(['AppImage']);
    expect(config.productName).toBe('Renkei');
  });

  it('packs the Electron version the project installs', () => {
    expect(config.electronVersion).toBe(pkg.optionalDependencies.electron);
    expect(pkg.devDependencies.electron).toBeUndefined();
    expect(pkg.dependencies.electron).toBeUndefined();
  });

  it('ships better-sqlite3 built for Electron beside the asar, and never rebuilds node_modules in place', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([{ from: 'build/native/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
    expect(pkg.scripts.dist).toMatch(/native-electron\.mjs --for-dist && electron-builder/);
    const main = fs.readFileSync(path.join(ROOT, 'electron/main/main.ts'), 'utf8');
    expect(main).toContain("path.join(process.resourcesPath, 'native', 'better_sqlite3.node')");
  });

  it('finds every file it packs after npm run build', () => {
    const mainEntry = path.join(ROOT, pkg.main);
    expect(fs.existsSync(mainEntry)).toBe(true);
    for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/core/cli.cjs', 'dist/renderer/index.html']) {
      expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
    const included = (config.files as string[]).filter((p) => !p.startsWith('!'));
    for (const pattern of included) {
      const base = pattern.replace(/\/\*\*$/, '');
      expect(fs.existsSync(path.join(ROOT, base)), pattern).toBe(true);
    }
    expect(pkg.main.startsWith('dist/electron/')).toBe(true);
    const html = fs.readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
    for (const [, asset] of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) {
      expect(fs.existsSync(path.join(ROOT, 'dist/renderer', asset!)), asset).toBe(true);
    }
  });

  it('has an application icon large enough for every target', () => {
    const icon = path.join(ROOT, config.win.icon);
    expect(pngSize(icon)).toEqual({ width: 512, height: 512 });
    expect(config.linux.icon).toBe(config.win.icon);
  });
});
