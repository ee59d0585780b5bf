import { describe, expect, it } from 'vitest';
import { isCompressible } from './served-files';

describe('isCompressible', () => {
  it('sends scripts, styles, drawings and data compressed, by the name of the file, not of its folder', () => {
    for (const file of ['assets/index-CWfaLUfM.js', 'C:\\Renkei\\dist\\renderer\\assets\\a.css', '/x/favicon.svg', 'worker.mjs', 'd.json'])
      expect(isCompressible(file), file).toBe(true);
    for (const file of ['assets/noto-sans-jp-400.woff2', 'index.html', 'assets.js/logo.png', '/x/.js', 'js', 'a.js.br'])
      expect(isCompressible(file), file).toBe(false);
  });
});
