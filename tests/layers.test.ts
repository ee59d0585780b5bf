/**
 * The layers of STYLE.md, checked on every import line: shared/ is pure,
 * the core never touches Electron, the renderer never touches Node or the
 * core, and renderer features do not import each other. Inside the core, the
 * kernel imports no domain, and a domain is used from outside its folder only
 * through its index.ts (its public face).
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

type Layer = 'shared' | 'core' | 'shell' | 'renderer' | 'other';

function layerOf(file: string): Layer {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('electron/core/')) return 'core';
  if (rel.startsWith('electron/main/') || rel.startsWith('electron/preload/')) return 'shell';
  if (rel.startsWith('renderer/src/')) return 'renderer';
  return 'other';
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const pattern =
    /(?:^|\s)(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]\s*;?\s*$|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(pattern)].map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4])!);
}

/** The import aliases of tsconfig.json (@shared/…, @core/…), read from it so the two never disagree. */
const ALIASES: [string, string][] = Object.entries(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } })
    .compilerOptions.paths,
).map(([alias, [target]]) => [alias.replace(/\*$/, ''), path.join(ROOT, target!.replace(/\*$/, ''))]);

/** The file or folder an import names inside the repo, or null for a package. */
function targetOf(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(file), specifier);
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  return alias ? path.join(alias[1], specifier.slice(alias[0].length)) : null;
}

/** Folders of electron/core that are not domains: the kernel, shared infrastructure, and the hosts (which use Core.open and the contract). */
const NOT_DOMAINS = new Set(['kernel', 'tabular', 'host', 'cli', 'process']);

/**
 * The composition root: the one place that knows every domain, and may take each one's handlers from its app.ts; and
 * the CLI's small first file, which starts the pack's chart worker (report/chart-worker-start.ts, Node's modules only)
 * before the commands' bundle, the report domain's face among them, loads.
 */
const COMPOSITION_ROOT = new Set([
  'electron/core/core.ts',
  'electron/core/registry.ts',
  'electron/core/worker.ts',
  'electron/core/cli/start.ts',
]);

/** The repo-relative path, with forward slashes and without a .ts/.tsx ending. */
function relOf(file: string): string {
  return path
    .relative(ROOT, file)
    .split(path.sep)
    .join('/')
    .replace(/\.tsx?$/, '');
}

/** The top folder under electron/core (an import may name the folder itself), or null for a file directly in it (the composition root). */
function coreFolderOf(file: string): string | null {
  const m = /^electron\/core\/([^/]+)(\/.*)?$/.exec(relOf(file));
  if (!m) return null;
  return m[2] || fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ? m[1]! : null;
}

function domainOf(file: string): string | null {
  const folder = coreFolderOf(file);
  return folder && !NOT_DOMAINS.has(folder) ? folder : null;
}

/** Whether `target` is a domain's public face: its folder (resolving to index.ts) or its index.ts. */
function isFace(target: string, domain: string): boolean {
  const rel = relOf(target);
  return rel === `electron/core/${domain}` || rel === `electron/core/${domain}/index`;
}

interface Violation {
  file: string;
  specifier: string;
  why: string;
}

function check(file: string): Violation[] {
  const from = layerOf(file);
  const violations: Violation[] = [];
  const rel = path.relative(ROOT, file);
  for (const specifier of importsOf(file)) {
    const resolved = targetOf(file, specifier);
    const inRepo = resolved !== null;
    const target = resolved ? layerOf(resolved) : null;
    const bad = (why: string) => violations.push({ file: rel, specifier, why });
    if (from === 'shared') {
      if (inRepo && target !== 'shared') bad('shared/ may import only shared/');
      if (!inRepo && specifier !== 'zod') bad('shared/ may use only zod from outside');
    }
    if (from === 'core') {
      if (specifier === 'electron' || specifier.startsWith('electron/')) bad('the core never imports electron');
      if (target === 'shell' || target === 'renderer') bad('the core imports neither the shell nor the renderer');
      const toDomain = resolved && target === 'core' ? domainOf(resolved) : null;
      if (toDomain && coreFolderOf(file) === 'kernel') bad('the kernel imports no domain');
      const outside = toDomain !== null && domainOf(file) !== toDomain && !COMPOSITION_ROOT.has(`${relOf(file)}.ts`);
      if (outside && !isFace(resolved!, toDomain)) bad('a domain is used only through its index.ts');
    }
    if (from === 'renderer') {
      if (NODE_BUILTINS.has(specifier)) bad('the renderer never imports Node');
      if (specifier === 'electron' || specifier === 'better-sqlite3' || specifier === 'kysely')
        bad('the renderer reaches the core only through the contract');
      if (target === 'core' || target === 'shell') bad('the renderer reaches the core only through the contract');
      const feature = /renderer\/src\/features\/([^/]+)\//.exec(file.split(path.sep).join('/'))?.[1];
      const targetFeature = resolved ? /renderer\/src\/features\/([^/]+)\//.exec(resolved.split(path.sep).join('/'))?.[1] : undefined;
      if (feature && targetFeature && feature !== targetFeature) bad('renderer features do not import each other');
    }
    if (from === 'shell' && target === 'renderer') bad('the shell does not import the renderer');
  }
  return violations;
}

describe('layers', () => {
  const files = ['shared', 'electron', 'renderer/src'].flatMap((d) => sourceFiles(path.join(ROOT, d)));

  it('finds the source files it checks', () => {
    expect(files.filter((f) => layerOf(f) === 'shared').length).toBeGreaterThan(5);
    expect(files.filter((f) => layerOf(f) === 'core').length).toBeGreaterThan(5);
    expect(files.filter((f) => layerOf(f) === 'renderer').length).toBeGreaterThan(5);
    expect(files.filter((f) => layerOf(f) === 'shell').length).toBeGreaterThan(1);
  });

  it('has no import that crosses a layer the wrong way', () => {
    expect(files.flatMap(check)).toEqual([]);
  });

  it('would catch each kind of crossing', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'shared', '.layer-probe-'));
    const coreDir = fs.mkdtempSync(path.join(ROOT, 'electron', 'core', '.layer-probe-'));
    const rendererDir = fs.mkdtempSync(path.join(ROOT, 'renderer', 'src', 'features', '.layer-probe-'));
    const kernelDir = fs.mkdtempSync(path.join(ROOT, 'electron', 'core', 'kernel', '.layer-probe-'));
    const fundDir = path.join(ROOT, 'electron', 'core', 'fund');
    try {
      const probe = (d: string, text: string) => {
        const f = path.join(d, d === fundDir ? '.layer-probe.ts' : 'probe.ts');
        fs.writeFileSync(f, text);
        return check(f).map((v) => v.why);
      };
      expect(probe(dir, "import fs from 'node:fs';")).toContain('shared/ may use only zod from outside');
      expect(probe(dir, "import { x } from '../../electron/core/core';")).toContain('shared/ may import only shared/');
      expect(probe(dir, "import { x } from '@core/core';")).toContain('shared/ may import only shared/');
      expect(probe(coreDir, "import { app } from 'electron';")).toContain('the core never imports electron');
      expect(probe(coreDir, "// the loader\nimport 'electron';\n")).toContain('the core never imports electron');
      // A domain reaches another only through its face; inside its own folder it imports freely.
      expect(probe(coreDir, "import { versions } from '../fund/read';")).toContain('a domain is used only through its index.ts');
      expect(probe(coreDir, "import { bookSpending } from '@core/subsidy/write';")).toContain('a domain is used only through its index.ts');
      expect(probe(coreDir, "import { projectBudget } from '../fund';")).toEqual([]);
      expect(probe(coreDir, "import { projectBudget } from '@core/fund/index';")).toEqual([]);
      expect(probe(fundDir, "import { versions } from './read';")).toEqual([]);
      expect(probe(kernelDir, "import { projectBudget } from '../../fund';")).toContain('the kernel imports no domain');
      expect(probe(kernelDir, "import { overview } from '@core/masters/app';")).toContain('the kernel imports no domain');
      // Prose about an import's columns is not an import.
      expect(probe(dir, "/** The list in the import's columns (a template when empty). */\nexport const a = 1;")).toEqual([]);
      expect(probe(rendererDir, "import path from 'path';")).toContain('the renderer never imports Node');
      expect(probe(rendererDir, "import { Core } from '../../../../electron/core/core';")).toContain(
        'the renderer reaches the core only through the contract',
      );
      expect(probe(rendererDir, "import { HomePage } from '../home/HomePage';")).toContain('renderer features do not import each other');
      expect(probe(rendererDir, "import { HomePage } from '@renderer/features/home/HomePage';")).toContain(
        'renderer features do not import each other',
      );
      expect(probe(rendererDir, "import { Core } from '@core/core';")).toContain('the renderer reaches the core only through the contract');
    } finally {
      for (const d of [dir, coreDir, rendererDir, kernelDir]) fs.rmSync(d, { recursive: true, force: true });
      fs.rmSync(path.join(fundDir, '.layer-probe.ts'), { force: true });
    }
  });
});
