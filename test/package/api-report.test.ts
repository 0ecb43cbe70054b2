/**
 * The exported API is reviewed through api/signet.api.md (API Extractor's report). This test runs API
 * Extractor over the declarations of the packed tarball (what users get) and fails when they no longer
 * match the committed report, when a public signature uses a type the entry point does not export, or
 * when an export or one of its members has no TSDoc. `npm run api` rewrites the report.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig, type ExtractorMessage } from '@microsoft/api-extractor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { packageTarball } from '../helpers/package-tarball.js';

const ROOT = resolve(import.meta.dirname, '../..');
const REPORT = join(ROOT, 'api/signet.api.md');

describe('api/signet.api.md', () => {
  // inside the repository (.tmp/ is git-ignored) so that the declarations resolve cdk8s, constructs
  // and cdk8s-plus-28 from its node_modules
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const work = mkdtempSync(join(ROOT, '.tmp', 'api-check-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let packageDir = '';

  beforeAll(async () => {
    const tarball = await packageTarball();
    execFileSync('tar', ['xzf', tarball, '-C', work]);
    packageDir = join(work, 'package');
    copyFileSync(join(ROOT, 'tsdoc.json'), join(packageDir, 'tsdoc.json'));
  }, 600_000);

  it('matches the exported API of the packed package (run `npm run api` to update it)', () => {
    const configObject = ExtractorConfig.loadFile(join(ROOT, 'api-extractor.json'));
    configObject.projectFolder = packageDir;
    configObject.apiReport = { ...configObject.apiReport!, enabled: true, reportFolder: join(ROOT, 'api'), reportTempFolder: join(work, 'report') };
    const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: join(ROOT, 'api-extractor.json'), packageJsonFullPath: join(packageDir, 'package.json') });
    const problems: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: false,
      messageCallback: (message: ExtractorMessage) => {
        if (message.logLevel === 'error') problems.push(`${message.messageId}: ${message.text}`);
        message.handled = true;
      },
    });
    // ae-forgotten-export: a public signature uses a type src/index.ts does not export; export it (or make
    // the signature not need it). ae-undocumented: an export or member has no TSDoc summary; write one.
    expect(problems, 'API Extractor errors on the public API (see the comment above this line)').toEqual([]);
    if (result.apiReportChanged) {
      const fresh = readFileSync(join(work, 'report', 'signet.api.md'), 'utf8').split('\n');
      const committed = existsSync(REPORT) ? readFileSync(REPORT, 'utf8').split('\n') : [];
      const added = fresh.filter((l) => !committed.includes(l)).map((l) => `+ ${l}`);
      const removed = committed.filter((l) => !fresh.includes(l)).map((l) => `- ${l}`);
      expect.fail(`the exported API changed but api/signet.api.md was not updated; run \`npm run api\` and commit api/signet.api.md\n${[...removed, ...added].slice(0, 40).join('\n')}`);
    }
    expect(result.errorCount).toBe(0);
  });
});
