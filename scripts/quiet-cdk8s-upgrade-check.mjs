#!/usr/bin/env node
// Runs on `npm ci`/`npm install` in this repository (npm `prepare`; not a `postinstall`, which would run in users' installs too).
//
// Why: every cdk8s-cli command checks the npm registry for a newer CLI by spawning a child that
// fetches http://registry.npmjs.org/cdk8s-cli/latest. Offline (and even online, where that http URL
// redirects to a 404) the child prints a stack trace and a bogus "new version undefined" banner on
// every run; the CLI only skips the check when ~/.cdk8s-cli.version is younger than 30 minutes.
// We record the pinned CLI version there, dated in the future, so `npx cdk8s synth` stays quiet and
// offline. The project pins cdk8s-cli exactly; upgrades happen through package.json, not this banner.
// Set SIGNET_KEEP_CDK8S_UPGRADE_CHECK=1 to leave the check alone.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

if (process.env.SIGNET_KEEP_CDK8S_UPGRADE_CHECK) process.exit(0);
try {
  const cliPackage = new URL('../node_modules/cdk8s-cli/package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(cliPackage, 'utf8'));
  const cacheFile = join(homedir(), '.cdk8s-cli.version');
  writeFileSync(cacheFile, version);
  const farFuture = new Date('2100-01-01T00:00:00Z');
  utimesSync(cacheFile, farFuture, farFuture);
} catch {
  // Best effort: without the cache the CLI still works, it is only noisy.
}
