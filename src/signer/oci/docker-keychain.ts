import { type CredentialHelperOptions, runCredentialHelper } from './credential-helper.js';
import { authsKey, type Credential, type CredentialStore, type DockerConfig, type DockerConfigLocation, parseDockerConfigFile, readDockerConfig } from './credentials.js';

/**
 * Looks up the credential for a registry host (`host[:port]`), possibly by running a credential
 * helper (cf. go-containerregistry's `authn.Keychain`).
 */
export type Keychain = (registry: string) => Promise<Credential | undefined>;

/** Where Docker keeps Hub credentials: the v1 index URL, both as `credHelpers` key and as helper input. */
export const DOCKER_HUB_SERVER_ADDRESS = 'https://index.docker.io/v1/';

/** Name of the variable holding a whole docker config (`auths` only), read before the file. */
export const DOCKER_AUTH_CONFIG_ENV = 'DOCKER_AUTH_CONFIG';

/** Options of {@link dockerKeychain}. */
export interface DockerKeychainOptions extends CredentialHelperOptions {
  /**
   * The value of `DOCKER_AUTH_CONFIG`: a config JSON whose `auths` entries win over the file.
   * @default - none
   */
  readonly authConfig?: string;
}

/**
 * The server address Docker uses for a registry when it picks a helper from `credHelpers` and
 * writes to the helper's stdin: the v1 index URL for Docker Hub, `host[:port]` otherwise.
 */
export function dockerServerAddress(registry: string): string {
  return authsKey(registry) === authsKey('docker.io') ? DOCKER_HUB_SERVER_ADDRESS : registry;
}

/**
 * A keychain over Docker's credential sources, first match wins:
 *
 * 1. an `auths` entry of `DOCKER_AUTH_CONFIG` (like the Docker CLI, its helpers are ignored);
 * 2. the file's `credHelpers` entry for the server address;
 * 3. the file's `credsStore`;
 * 4. the file's `auths` entry;
 * 5. anonymous.
 *
 * Steps 2–4 are the Docker CLI's rule: a configured helper answers alone, so its "not found" means
 * anonymous even when `auths` has an entry for the host. Each registry is looked up once.
 *
 * @throws RegistryError `REGISTRY_CONFIG` when `DOCKER_AUTH_CONFIG` is malformed.
 */
export function dockerKeychain(config: DockerConfig | undefined, options: DockerKeychainOptions = {}): Keychain {
  const envAuths = options.authConfig === undefined || options.authConfig === '' ? undefined : parseDockerConfigFile(options.authConfig, `${DOCKER_AUTH_CONFIG_ENV} variable`).auths;
  const cache = new Map<string, Promise<Credential | undefined>>();
  const lookup = async (registry: string): Promise<Credential | undefined> => {
    const fromEnv = envAuths?.get(authsKey(registry));
    if (fromEnv !== undefined) return fromEnv;
    if (config === undefined) return undefined;
    const serverUrl = dockerServerAddress(registry);
    const perRegistry = config.credHelpers.get(serverUrl);
    const helper = perRegistry ?? config.credsStore;
    if (helper !== undefined) {
      const source = `${perRegistry === undefined ? 'credsStore' : 'credHelpers'} in ${config.where}`;
      return await runCredentialHelper({ helper, serverUrl, registry, source }, options);
    }
    return config.auths.get(authsKey(registry));
  };
  return (registry) => {
    let pending = cache.get(registry);
    if (pending === undefined) {
      pending = lookup(registry);
      cache.set(registry, pending);
    }
    return pending;
  };
}

/**
 * Reads `config.json` from `DOCKER_CONFIG` (or `~/.docker`) and returns its {@link dockerKeychain};
 * a missing file leaves only `DOCKER_AUTH_CONFIG`, if given.
 * @throws RegistryError `REGISTRY_CONFIG` when the file exists but cannot be read or parsed.
 */
export async function loadDockerKeychain(location: DockerConfigLocation, options: DockerKeychainOptions = {}): Promise<Keychain> {
  return dockerKeychain(await readDockerConfig(location), options);
}

/**
 * Resolves the credentials of the given registries up front (as go-containerregistry does when it
 * builds a transport) and returns them as a synchronous store; other registries are anonymous.
 * @throws RegistryError from the keychain, e.g. a failing credential helper.
 */
export async function prefetchCredentials(keychain: Keychain, registries: readonly string[]): Promise<CredentialStore> {
  const table = new Map<string, Credential>();
  for (const registry of new Set(registries)) {
    const credential = await keychain(registry);
    if (credential !== undefined) table.set(registry, credential);
  }
  return (registry) => table.get(registry);
}
