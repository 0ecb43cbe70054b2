#!/usr/bin/env node
// Installs the system packages the test suite needs (a real distribution registry, htpasswd, Docker's
// credential helpers, skopeo as the containers/image verifier), so that `npm test` works on a fresh Debian machine. Runs before `npm test`
// (npm `pretest`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  { bin: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  { bin: '/usr/bin/htpasswd', pkg: 'apache2-utils' },
  { bin: '/usr/bin/openssl', pkg: 'openssl' },
  // Docker's own credential helpers (pass, secretservice) and what they need headless: gpg and pass
  // for docker-credential-pass, a D-Bus session bus and gnome-keyring (a dependency) for secretservice.
  { bin: '/usr/bin/docker-credential-pass', pkg: 'golang-docker-credential-helpers' },
  { bin: '/usr/bin/pass', pkg: 'pass' },
  { bin: '/usr/bin/gpg', pkg: 'gpg' },
  { bin: '/usr/bin/dbus-run-session', pkg: 'dbus-daemon' },
  { bin: '/usr/share/dbus-1/session.conf', pkg: 'dbus-session-bus-common' },
  // containers/image (what podman and CRI-O verify with), run as skopeo against signet's signatures.
  { bin: '/usr/bin/skopeo', pkg: 'skopeo' },
];
const missing = needed.filter((n) => !existsSync(n.bin)).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`signet tests need the Debian packages ${missing.join(', ')}; run: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.error(`installing test dependencies: ${missing.join(', ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
// The Debian package starts a registry on :5000 as a service; tests start their own on free ports.
try { execFileSync('systemctl', ['disable', '--now', 'docker-registry'], { stdio: 'ignore' }); } catch { /* no systemd here */ }
