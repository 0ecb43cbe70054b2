import { type AppProps, Testing } from 'cdk8s';
import { afterAll } from 'vitest';
import { removeLater, removeTempDirs } from './helpers/temp-dir.js';

/**
 * Runs before every test file, and removes what it leaves in the temporary folder when it ends: the folders
 * made with `tempDir()` (test/helpers/temp-dir.ts), and the output folder that cdk8s' `Testing.app()` (and
 * `Testing.chart()`, which calls it) makes for every app and never removes. The global set-up fails the run on
 * anything left.
 */
const testingApp = Testing.app.bind(Testing);
Testing.app = (props?: AppProps) => {
  const app = testingApp(props);
  if (props?.outdir === undefined) removeLater(app.outdir);
  return app;
};

afterAll(removeTempDirs);
