import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { RegistryError } from './errors.js';
import { DOCKER_HUB_REGISTRY } from './reference.js';

/** Credentials for one registry, as found in a Docker `config.json`. */
export type Credential =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'identity-token'; readonly username: string; readonly token: string };

/** Looks up the credential for a registry host (`host[:port]`). */
export type CredentialStore = (registry: string) => Credential | undefined;

/** A store that never has credentials (anonymous access). */
export const anonymous: CredentialStore = () => undefined;

interface DockerAuthEntry {
  auth?: unknown;
  username?: unknown;
  password?: unknown;
  identitytoken?: unknown;
}

/** Docker Hub is stored under its v1 URL by `docker login`; accept every spelling. */
const DOCKER_HUB_ALIASES = ['index.docker.io', 'docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

/**
 * Reduces an `auths` key such as `https://host:5000/v1/` to `host:5000`. A `user:password@` part is dropped:
 * the host appears in error messages, and credentials belong in the entry, not its key.
 */
function hostOfAuthKey(key: string): string {
  const withoutScheme = key.replace(/^[a-z]+:\/\//i, '');
  const authority = withoutScheme.split('/')[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return DOCKER_HUB_ALIASES.includes(host) ? DOCKER_HUB_REGISTRY : host;
}

/**
 * Builds a credential store from the text of a Docker `config.json` (`auths` with `auth`,
 * `username`+`password` or `identitytoken`). Credential helpers (`credsStore`, `credHelpers`) are
 * not supported: such registries are treated as anonymous.
 *
 * @param text - the file content.
 * @param where - the file path, for error messages.
 * @throws RegistryError `REGISTRY_CONFIG` when the JSON or an `auth` value is malformed
 *   (the message never includes the value).
 */
export function parseDockerConfig(text: string, where: string): CredentialStore {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new RegistryError('REGISTRY_CONFIG', `docker config is not valid JSON (${where}); fix or remove the file`);
  }
  const auths = (config as { auths?: unknown } | null)?.auths;
  const table = new Map<string, Credential>();
  if (auths !== undefined && (typeof auths !== 'object' || auths === null)) {
    throw new RegistryError('REGISTRY_CONFIG', `docker config "auths" is not an object (${where}); fix or remove the file`);
  }
  for (const [key, raw] of Object.entries((auths ?? {}) as Record<string, DockerAuthEntry>)) {
    const host = hostOfAuthKey(key);
    const entry = raw ?? {};
    let username = typeof entry.username === 'string' ? entry.username : '';
    let password = typeof entry.password === 'string' ? entry.password : '';
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new RegistryError('REGISTRY_CONFIG', `docker config entry for ${host} has an "auth" value that is not base64 of user:password (${where}); run docker login again`);
      }
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
      table.set(host, { kind: 'identity-token', username, token: entry.identitytoken });
    } else if (username !== '' || password !== '') {
      table.set(host, { kind: 'basic', username, password });
    }
  }
  return (registry) => table.get(DOCKER_HUB_ALIASES.includes(registry) ? DOCKER_HUB_REGISTRY : registry);
}

/** Where to look for Docker's `config.json`. */
export interface DockerConfigLocation {
  /**
   * The `DOCKER_CONFIG` directory.
   * @default - `<homeDir>/.docker`
   */
  readonly dockerConfigDir?: string;
  /** The user's home directory. */
  readonly homeDir: string;
}

/**
 * Reads `config.json` from `DOCKER_CONFIG` (or `~/.docker`). A missing file means anonymous access.
 * @throws RegistryError `REGISTRY_CONFIG` when the file exists but cannot be read or parsed.
 */
export async function loadDockerConfig(location: DockerConfigLocation): Promise<CredentialStore> {
  const dir = location.dockerConfigDir ?? join(location.homeDir, '.docker');
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return anonymous;
    throw new RegistryError('REGISTRY_CONFIG', `cannot read docker config (${file}); check its permissions`, { cause: error });
  }
  return parseDockerConfig(text, file);
}
