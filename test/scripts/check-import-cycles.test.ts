import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../../scripts/check-import-cycles.mjs';
import { tempDir } from '../helpers/temp-dir.js';

describe('import cycles', () => {
  it('src/ has none', () => {
    const cycles = importCycles(importGraph('src')).map((c) => c.map((f) => relative(process.cwd(), f)).join(' ↔ '));
    expect(cycles).toEqual([]);
  });

  it('the checker finds a cycle through a type-only import and a re-export, and ignores packages', () => {
    const dir = tempDir('signet-cycles-');
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './sub/b.js';\nimport { x } from 'cdk8s';\nexport type A = B;\n");
      writeFileSync(join(dir, 'sub', 'b.ts'), "export * from './c.js';\nexport type B = string;\n");
      writeFileSync(join(dir, 'sub', 'c.ts'), "import type { A } from '../a.js';\nexport type C = A;\n");
      writeFileSync(join(dir, 'd.ts'), "import type { A } from './a.js';\nexport type D = A;\n");
      const cycles = importCycles(importGraph(dir)).map((c) => c.map((f) => relative(dir, f)));
      expect(cycles).toEqual([['a.ts', join('sub', 'b.ts'), join('sub', 'c.ts')]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
