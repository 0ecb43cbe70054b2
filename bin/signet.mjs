#!/usr/bin/env node
// Runs the signet CLI from its TypeScript source through tsx, for this repository's tests and
// development (`node bin/signet.mjs …`). Not in the package: its `bin` is lib/bin/signet.cjs, the
// compiled bundle `npm run build` writes; the signer image bundles src/signer/cli/main.ts the same way.
import { register } from 'tsx/esm/api';

register();
await import('../src/signer/cli/main.ts');
