import { existsSync } from 'node:fs';

/**
 * Vitest global set-up. Registry tests start their own registries (test/helpers/registry.ts); this
 * only reports early, once, when the registry binary is missing, instead of failing every suite
 * with the same message. `npm test` installs it through the `pretest` script.
 */
export default function setup(): void {
  if (!existsSync('/usr/bin/docker-registry')) {
    console.warn('signet: /usr/bin/docker-registry is missing, registry tests will fail; run "node scripts/ensure-test-deps.mjs" as root');
  }
}
