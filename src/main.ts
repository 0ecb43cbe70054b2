/**
 * Entry point of `cdk8s synth` (see cdk8s.yaml): builds the app, validates it, and writes the manifests only
 * when every object is valid. Errors are printed one per line, without a stack trace; the exit code is 1.
 */
import { buildApp, synthApp } from './app/index.js';

function main(): number {
  try {
    return synthApp(buildApp());
  } catch (err) {
    // eager construct errors (SignetError subclasses) already carry the construct path and the fix.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`synth failed: ${message}\n`);
    return 1;
  }
}

process.exitCode = main();
