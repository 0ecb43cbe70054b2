#!/usr/bin/env node
// Runs the signet CLI from its TypeScript source through tsx (`npx signet` after `npm ci`).
// The bundled image uses src/signer/cli/main.ts directly through esbuild instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/signer/cli/main.ts');
