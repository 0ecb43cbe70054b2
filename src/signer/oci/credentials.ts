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
 * The credential sources of a Docker `config.json`: `auths` entries keyed by host, the default helper
 * (`credsStore`) and the per-registry helpers (`credHelpers`, keyed exactly as written).
 */
export interface DockerConfig {
  /** The file path (or variable name), for error messages. */
  readonly where: string;
  /** `auths` entries with a credential, by host (`host[:port]`, Docker Hub as `index.docker.io`). */
  readonly auths: ReadonlyMap<string, Credential>;
  /**
   * `credsStore`: suffix of the default `docker-credential-<name>` helper.
   * @default - no default helper: hosts without a `credHelpers` entry use `auths`
   */
  readonly credsStore?: string;
  /** `credHelpers`: helper suffix by server address (`host[:port]`, or `https://index.docker.io/v1/`). */
  readonly credHelpers: ReadonlyMap<string, string>;
}

/**
 * Parses the text of a Docker `config.json`: `auths` (with `auth`, `username`+`password` or
 * `identitytoken`), `credsStore` and `credHelpers`. Other keys are ignored.
 *
 * @param text - the file content.
 * @param where - the file path, for error messages.
 * @throws RegistryError `REGISTRY_CONFIG` when the JSON, a section or an `auth` value is malformed
 *   (the message never includes the value).
 */
export function parseDockerConfigFile(text: string, where: string): DockerConfig {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    throw new RegistryError('REGISTRY_CONFIG', `docker config is not valid JSON (${where}); fix or remove it`);
  }
  const root = (typeof config === 'object' && config !== null ? config : {}) as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
  const { auths, credsStore, credHelpers } = root;
  if (auths !== undefined && (typeof auths !== 'object' || auths === null)) {
    throw new RegistryError('REGISTRY_CONFIG', `docker config "auths" is not an object (${where}); fix or remove it`);
  }
  if (credsStore !== undefined && typeof credsStore !== 'string') {
    throw new RegistryError('REGISTRY_CONFIG', `docker config "credsStore" is not a string (${where}); fix or remove the entry`);
  }
  if (credHelpers !== undefined && (typeof credHelpers !== 'object' || credHelpers === null || Array.isArray(credHelpers))) {
    throw new RegistryError('REGISTRY_CONFIG', `docker config "credHelpers" is not an object (${where}); fix or remove the entry`);
  }
  const helpers = new Map<string, string>();
  for (const [key, name] of Object.entries((credHelpers ?? {}) as Record<string, unknown>)) {
    if (typeof name !== 'string') {
      throw new RegistryError('REGISTRY_CONFIG', `docker config "credHelpers" entry for ${hostOfAuthKey(key)} is not a string (${where}); fix or remove the entry`);
    }
    helpers.set(key, name);
  }
  return {
    where,
    auths: parseAuths((auths ?? {}) as Record<string, DockerAuthEntry>, where),
    ...(credsStore === undefined || credsStore === '' ? {} : { credsStore }),
    credHelpers: helpers,
  };
}

function parseAuths(auths: Record<string, DockerAuthEntry>, where: string): Map<string, Credential> {
  const table = new Map<string, Credential>();
  for (const [key, raw] of Object.entries(auths)) {
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
  return table;
}

/** The key under which `auths` entries are found for a registry (Docker Hub has several spellings). */
export function authsKey(registry: string): string {
  return DOCKER_HUB_ALIASES.includes(registry) ? DOCKER_HUB_REGISTRY : registry;
}

/**
 * Builds a credential store from the `auths` entries of a Docker `config.json`. Credential helpers
 * (`credsStore`, `credHelpers`) need a process per lookup: use {@link loadDockerKeychain} for them.
 *
 * @param text - the file content.
 * @param where - the file path, for error messages.
 * @throws RegistryError `REGISTRY_CONFIG` when the JSON or an `auth` value is malformed
 *   (the message never includes the value).
 */
export function parseDockerConfig(text: string, where: string): CredentialStore {
  const { auths } = parseDockerConfigFile(text, where);
  return (registry) => auths.get(authsKey(registry));
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
 * Reads and parses `config.json` from `DOCKER_CONFIG` (or `~/.docker`).
 * @returns the parsed file, or `undefined` when it does not exist.
 * @throws RegistryError `REGISTRY_CONFIG` when the file exists but cannot be read or parsed.
 */
export async function readDockerConfig(location: DockerConfigLocation): Promise<DockerConfig | undefined> {
  const dir = location.dockerConfigDir ?? join(location.homeDir, '.docker');
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new RegistryError('REGISTRY_CONFIG', `cannot read docker config (${file}); check its permissions`, { cause: error });
  }
  return parseDockerConfigFile(text, file);
}

/**
 * Reads the `auths` entries of `config.json` from `DOCKER_CONFIG` (or `~/.docker`); a missing file
 * means anonymous access. Credential helpers are not run: use {@link loadDockerKeychain} for them.
 * @throws RegistryError `REGISTRY_CONFIG` when the file exists but cannot be read or parsed.
 */
export async function loadDockerConfig(location: DockerConfigLocation): Promise<CredentialStore> {
  const config = await readDockerConfig(location);
  if (config === undefined) return anonymous;
  return (registry) => config.auths.get(authsKey(registry));
}
