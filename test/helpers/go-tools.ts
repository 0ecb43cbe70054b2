/**
 * Where the Go reference tools live (built by `scripts/ensure-go-tools.mjs`, which `npm test` runs
 * first). Tests call {@link goTool} to get a tool's binary; it throws with the command to run when
 * the tool has not been built.
 */
import { existsSync } from 'node:fs';

import { toolPath } from '../../scripts/ensure-go-tools.mjs';

/** Absolute path of a built Go tool from test/tools/go-tools.json. */
export function goTool(name: string): string {
  const path = toolPath(name);
  if (!existsSync(path)) {
    throw new Error(`go tool "${name}" is not built; run: node scripts/ensure-go-tools.mjs ${name}`);
  }
  return path;
}
