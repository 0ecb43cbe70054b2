/** Malformed image references (corpus: image-references.txt) fail `sign` and `verify` with exit 2 and one line. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { expectCleanFailure, runSignet, unescapeCorpusLine } from './_cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const CORPUS = readFileSync(join(__dirname, 'image-references.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map(unescapeCorpusLine);

describe('malformed image references', () => {
  const dir = tempDir('signet-bad-ref-');

  it('has a corpus', () => {
    expect(CORPUS.length).toBeGreaterThan(20);
  });

  it.each(CORPUS.map((r) => [JSON.stringify(r), r]))('sign %s: exit 2, one line', async (_label, reference) => {
    expectCleanFailure(await runSignet(dir, ['sign', '--key', 'missing.key', '--', reference]), 2);
  });

  it.each(CORPUS.map((r) => [JSON.stringify(r), r]))('verify %s: exit 2, one line', async (_label, reference) => {
    expectCleanFailure(await runSignet(dir, ['verify', '--key', 'missing.pub', '--', reference]), 2);
  });
});
