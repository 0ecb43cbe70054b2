import { rmSync } from 'node:fs';
import { type AppProps, Testing } from 'cdk8s';
import { afterAll } from 'vitest';

/**
 * Runs before every test file. cdk8s' `Testing.app()` (and `Testing.chart()`, which calls it) makes a
 * temporary output folder for every app and never removes it: the test file removes the ones it made, when
 * it ends (the global set-up fails the run on anything left in the temporary folder).
 */
const made: string[] = [];
const testingApp = Testing.app.bind(Testing);
Testing.app = (props?: AppProps) => {
  const app = testingApp(props);
  if (props?.outdir === undefined) made.push(app.outdir);
  return app;
};

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
