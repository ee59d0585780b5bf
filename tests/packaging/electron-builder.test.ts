/**
 * electron-builder cannot run here (Electron is not downloadable), so its
 * configuration is checked instead: the targets the offices need, every
 * file it packs present after `npm run build`, and what it packs: each byte
 * once (`node dist/bench/bench.cjs --sizes` runs electron-builder --dir around
 * a stand-in Electron and prints the sizes).
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GROUPED_FORMAT } from '@shared/format';
import { BROTLI_COPY_SUFFIX, isCompressible } from '@shared/served-files';
import { WAREKI_FORMAT } from '@shared/wareki';

const ROOT = path.resolve(__dirname, '..', '..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The bundles the desktop app runs (the shell, its preload, the core's process and its job worker). */
const PACKED_BUNDLES = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/core/core-process.cjs',
  'dist/core/worker.cjs',
  'dist/core/ahead-worker.cjs',
  'dist/core/chart-worker.cjs',
];

/**
 * Packages a bundle may require at run time without shipping them: Electron itself, and pg's optional native
 * driver (pg requires it only when asked for `pg.native`, inside a try; the app never asks).
 */
const PROVIDED_OR_OPTIONAL = new Set(['electron', 'pg-native']);

/** What better-sqlite3's JavaScript requires at run time (bindings, when no nativeBinding is given); its other dependency, prebuild-install, only installs it. */
const RUNTIME_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

const NOTICES = 'dist/THIRD_PARTY_NOTICES.txt';

function pngSize(file: string): { width: number; height: number } {
  const header = fs.readFileSync(file).subarray(0, 24);
  expect(header.subarray(1, 4).toString()).toBe('PNG');
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('builds Japanese installers for Windows, per user unless all users are chosen, and an AppImage for Linux', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    // An assisted installer with perMachine false shows the install-mode page (electron-builder's NsisOptions):
    // このユーザーだけ, chosen to begin with and needing no administrator, or すべてのユーザー (elevated).
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      installerLanguages: ['ja_JP'],
      language: '1041',
    });
    // Uninstalling never takes the officer's database and its backups (%APPDATA%\Renkei) with it.
    expect(config.nsis.deleteAppDataOnUninstall).not.toBe(true);
    expect(config.linux.target).toEqual(['AppImage']);
    expect(config.productName).toBe('Renkei');
  });

  it('names the Start menu and desktop shortcuts and the uninstall entry as the app’s sidebar does, in Japanese', () => {
    const sidebar = fs.readFileSync(path.join(ROOT, 'renderer/src/app/App.tsx'), 'utf8').match(/sidebar__brand-name">([^<]+)</)?.[1];
    expect(sidebar).toBe('Renkei 連携');
    expect(config.nsis.shortcutName).toBe(sidebar);
    expect(config.nsis.uninstallDisplayName).toBe(`${sidebar} \${version}`);
  });

  it('renames the 「Renkei」 shortcuts of an earlier install to 「Renkei 連携」 on an upgrade, never leaving both', () => {
    // The installer finds the earlier install under a registry key made from appId (a UUID v5 of it, unless nsis.guid
    // is set): changing either would make an upgrade a second install beside the first, with its shortcuts.
    expect(config.appId).toBe('jp.renkei.desktop');
    expect(config.nsis.guid).toBeUndefined();
    // An installer from before shortcutName was set named the shortcuts after productName.
    expect(config.productName).toBe('Renkei');
    const nsis = (file: string) => fs.readFileSync(path.join(ROOT, 'node_modules/app-builder-lib/templates/nsis', file), 'utf8');
    // The old name: as the earlier install wrote it in that key, or productName when it wrote none.
    const linkVars = nsis('common.nsh');
    expect(linkVars).toContain(`ReadRegStr $oldShortcutName SHELL_CONTEXT "\${INSTALL_REGISTRY_KEY}" ShortcutName`);
    expect(linkVars).toContain(`StrCpy $oldShortcutName "\${PRODUCT_FILENAME}"`);
    // Kept shortcuts are renamed to the new name; otherwise the earlier uninstaller deletes the old ones and new ones are made.
    const install = nsis('include/installer.nsh');
    expect(install).toContain('Rename $oldStartMenuLink $newStartMenuLink');
    expect(install).toContain('Rename $oldDesktopLink $newDesktopLink');
    const uninstall = nsis('uninstaller.nsh');
    expect(uninstall).toContain('Delete "$oldDesktopLink"');
    expect(uninstall).toContain('Delete "$oldStartMenuLink"');
    expect(install).toContain(`WriteRegStr SHELL_CONTEXT "\${INSTALL_REGISTRY_KEY}" ShortcutName "\${SHORTCUT_NAME}"`);
  });

  it('names the Linux menu entry as the app’s sidebar does, keeping the executable and data folder of productName', () => {
    const sidebar = fs.readFileSync(path.join(ROOT, 'renderer/src/app/App.tsx'), 'utf8').match(/sidebar__brand-name">([^<]+)</)?.[1];
    // electron-builder writes the AppImage's desktop entry with Name=productName unless linux.desktop.entry says otherwise.
    expect(config.linux.desktop).toEqual({ entry: { Name: sidebar } });
    // It refuses an Exec of the entry's own (the executable is linux.executableName); neither is set, so both stay renkei / Renkei.
    expect(config.linux.executableName).toBeUndefined();
    expect(config.executableName).toBeUndefined();
  });

  it('is a configuration electron-builder’s own schema takes (a desktop entry’s keys belong under entry)', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const flat = { ...config, linux: { ...config.linux, desktop: { Name: 'Renkei 連携' } } };
    await expect(validateConfiguration(flat, new DebugLogger(false))).rejects.toThrow(/configuration\.linux\.desktop/);
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
    for (const file of PACKED_BUNDLES.concat('dist/renderer/index.html')) {
      expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
    // The notices are written by `npm run dist` (and by the test of them below), not by every build.
    const included = (config.files as string[]).filter((p) => !p.startsWith('!') && p !== NOTICES);
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

  it('ships unbundled only the packages the bundles require at run time: dependencies are exactly those', () => {
    const required = new Set<string>();
    for (const bundle of PACKED_BUNDLES) {
      const code = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      for (const [, name] of code.matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
        const pkgName = name!.startsWith('@') ? name!.split('/').slice(0, 2).join('/') : name!.split('/')[0]!;
        if (!builtinModules.includes(pkgName) && !pkgName.startsWith('node:')) required.add(pkgName);
      }
    }
    const shipped = [...required].filter((name) => !PROVIDED_OR_OPTIONAL.has(name)).sort();
    expect(shipped).toEqual(Object.keys(pkg.dependencies).sort());
    // Everything else the app imports is bundled, so it is a devDependency and electron-builder never packs it twice.
    for (const bundled of ['exceljs', 'pdf-lib', 'pg', 'react', 'chart.js', 'zod', 'kysely']) {
      expect(pkg.dependencies[bundled], bundled).toBeUndefined();
      expect(pkg.devDependencies[bundled], bundled).toBeDefined();
    }
  });

  it('packs each byte once: no source maps, no CLI/bench/faults bundles, node_modules only for what runs unbundled', () => {
    const files = config.files as string[];
    expect(files.filter((p) => !p.startsWith('!') && !p.startsWith('node_modules/'))).toEqual([
      'package.json',
      'dist/electron/**',
      'dist/core/core-process.cjs',
      'dist/core/worker.cjs',
      'dist/core/ahead-worker.cjs',
      'dist/core/chart-worker.cjs',
      'dist/core/resvg.wasm',
      'dist/core/fonts/**',
      'dist/renderer/**',
      NOTICES,
    ]);
    expect(files).toContain('!**/*.map');
    expect(files).toContain('!dist/renderer/**/*.br');
    // The core's bundles by name, and the files they read beside them (resvg, the PDF writer's fonts): nothing else
    // under dist/core (the CLI, a stale file of a developer's) is packed.
    expect(files.filter((p) => p.startsWith('dist/core/'))).toEqual([
      ...PACKED_BUNDLES.filter((b) => b.startsWith('dist/core/')),
      'dist/core/resvg.wasm',
      'dist/core/fonts/**',
    ]);
    // node_modules: everything out, then back in only the modules better-sqlite3's JavaScript needs.
    const allOut = files.indexOf('!node_modules/**/*');
    expect(allOut).toBeGreaterThan(-1);
    const backIn = files.filter((p) => p.startsWith('node_modules/'));
    for (const pattern of backIn) expect(files.indexOf(pattern)).toBeGreaterThan(allOut);
    expect([...new Set(backIn.map((p) => p.split('/')[1]))].sort()).toEqual(RUNTIME_MODULES);
    expect(backIn.filter((p) => p.startsWith('node_modules/better-sqlite3/'))).toEqual([
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/LICENSE',
      'node_modules/better-sqlite3/lib/**',
    ]);
    expect(config.asarUnpack).toBeUndefined();
    // The app never runs the CLI bundle, so nothing it packs may need it.
    for (const bundle of PACKED_BUNDLES) {
      expect(fs.readFileSync(path.join(ROOT, bundle), 'utf8'), bundle).not.toContain('cli.cjs');
    }
  });

  it('builds dist/renderer without bytes no window uses: no source maps, and the fonts as the woff2 files of resources/fonts only', () => {
    const files = fs.readdirSync(path.join(ROOT, 'dist/renderer'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const fonts = files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f)).map((f) => path.basename(f).replace(/-[\w-]{8}\.woff2$/, '.woff2'));
    // The .ttf twins are the core's (dist/core/fonts, for its PDF writer): no window loads them.
    expect(fonts.sort()).toEqual(
      fs
        .readdirSync(path.join(ROOT, 'resources/fonts'))
        .filter((f) => f.endsWith('.woff2'))
        .sort(),
    );
  });

  it('builds each script, style and drawing with its brotli copy beside it, the same bytes once decoded, for the host to send as it is', () => {
    const dir = path.join(ROOT, 'dist/renderer');
    const files = fs.readdirSync(dir, { recursive: true }).map(String);
    // The bundle's files (assets/); the public folder's favicon is compressed by the host, once, after the first screen.
    const compressible = files.filter((f) => f.startsWith(`assets${path.sep}`) && isCompressible(f));
    expect(compressible.length).toBeGreaterThan(10);
    for (const file of compressible) {
      const copy = path.join(dir, file + BROTLI_COPY_SUFFIX);
      expect(fs.existsSync(copy), copy).toBe(true);
      expect(zlib.brotliDecompressSync(fs.readFileSync(copy)).equals(fs.readFileSync(path.join(dir, file))), file).toBe(true);
    }
  });

  it('has the main page ask with its code for what its first screen needs: its code in three files, its two faces, ICU’s data while the code downloads', () => {
    const html = fs.readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const code = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!).filter((f) => !f.includes('intl-warm'));
    // The entry, the part the print page shares, the bundler's runtime: not the six files a host answers at once.
    expect(code.length).toBeLessThanOrEqual(3);
    const faces = [
      ...html.matchAll(/<link rel="preload" as="font" type="font\/woff2" crossorigin href="\.\/assets\/([^"]+)" data-ahead>/g),
    ].map((m) => m[1]!);
    expect(faces.map((f) => f.replace(/-[\w-]{8}\.woff2$/, ''))).toEqual(['noto-sans-jp-400', 'noto-sans-jp-700']);
    // Asked first, under a name that changes with its content (the host lets browsers keep assets for good).
    // Each marked as asked ahead (AHEAD_MARK): the loopback host leaves them out of a page whose home it draws itself.
    const warmFile = /<head>\s*<script async src="\.\/(assets\/intl-warm-[\w-]+\.js)" data-ahead><\/script>/.exec(html)?.[1];
    expect(warmFile).toBeDefined();
    const warm = fs.readFileSync(path.join(ROOT, 'dist/renderer', warmFile!), 'utf8');
    // The same formatters as the app's (shared/wareki.ts, format.ts), made on the page's main thread, not a worker's.
    expect(warm).toContain(`new Intl.DateTimeFormat(${JSON.stringify(WAREKI_FORMAT.locale)}, ${JSON.stringify(WAREKI_FORMAT.options)})`);
    expect(warm).toContain(`new Intl.NumberFormat(${JSON.stringify(GROUPED_FORMAT.locale)}, ${JSON.stringify(GROUPED_FORMAT.options)})`);
    expect(warm).not.toContain('Worker');
    const print = fs.readFileSync(path.join(ROOT, 'dist/renderer/print.html'), 'utf8');
    expect(print).not.toContain('as="font"');
    expect(print).not.toContain('intl-warm');
  });

  it('keeps the list of operations and their schemas (zod) out of the first screen’s scripts: they load with the screens that check input', () => {
    const html = fs.readFileSync(path.join(ROOT, 'dist/renderer/index.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const text = fs.readFileSync(path.join(ROOT, 'dist/renderer', script), 'utf8');
      // zod's own mark on every schema, and the label of an operation only the registry holds.
      expect(text, script).not.toContain('_zod');
      expect(text, script).not.toContain('元に戻せる変更の表示');
    }
    // Both are in the build, for the screens that need them.
    const all = fs.readdirSync(path.join(ROOT, 'dist/renderer/assets')).filter((f) => f.endsWith('.js'));
    const holding = (mark: string) => all.filter((f) => fs.readFileSync(path.join(ROOT, 'dist/renderer/assets', f), 'utf8').includes(mark));
    expect(holding('_zod').length).toBeGreaterThan(0);
    expect(holding('元に戻せる変更の表示').length).toBeGreaterThan(0);
  });

  it('packs the licence of every package the bundles carry, fonts included, since their own files are not shipped', async () => {
    expect(pkg.scripts.dist).toMatch(/node scripts\/notices\.mjs && .*electron-builder/);
    const { writeNotices, NOTICES_FILE, NODE_ENTRIES } = await import('../../scripts/notices.mjs');
    // Read from the entry points of the very bundles the app packs.
    const build = fs.readFileSync(path.join(ROOT, 'scripts/build.mjs'), 'utf8');
    const entryOf = (bundle: string) => build.match(new RegExp(`entryPoints: \\['([^']+)'\\], outfile: '${bundle}'`))?.[1];
    expect(PACKED_BUNDLES.map(entryOf).sort()).toEqual([...NODE_ENTRIES].sort());
    const notices = await writeNotices();
    expect(path.relative(ROOT, NOTICES_FILE)).toBe(NOTICES);
    const names = notices.map((n) => n.name);
    for (const bundled of ['exceljs', 'pdf-lib', 'pg', 'kysely', 'zod', 'react', 'react-dom', 'chart.js', 'pdfjs-dist', ...RUNTIME_MODULES])
      expect(names, bundled).toContain(bundled);
    // The fonts made from Google Fonts' Noto files carry the fonts' licence.
    for (const font of ['@expo-google-fonts/noto-sans-jp', '@expo-google-fonts/noto-serif-jp'])
      expect(notices.find((n) => n.name === font)?.text, font).toContain('SIL Open Font License');
    // Only what the app carries: the test and build tools are not in it.
    for (const tool of ['vitest', 'playwright-core', 'esbuild', 'vite', 'electron-builder']) expect(names, tool).not.toContain(tool);
    const text = fs.readFileSync(NOTICES_FILE, 'utf8');
    expect(text).toContain('Permission is hereby granted, free of charge');
    expect(text).toContain('SIL OPEN FONT LICENSE');
  }, 120_000);

  it('has an application icon large enough for every target', () => {
    const icon = path.join(ROOT, config.win.icon);
    expect(pngSize(icon)).toEqual({ width: 512, height: 512 });
    expect(config.linux.icon).toBe(config.win.icon);
  });
});
