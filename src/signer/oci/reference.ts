import { InvalidReferenceError } from './errors.js';

/** The registry name that Docker Hub references normalise to (ggcr `name.DefaultRegistry`). */
export const DOCKER_HUB_REGISTRY = 'index.docker.io';

/** A parsed image reference: `registry/repository[:tag][@digest]`, normalised like ggcr. */
export interface ImageReference {
  /** Registry host with optional port, e.g. `index.docker.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `library/busybox`. */
  readonly repository: string;
  /**
   * The tag, when one was given.
   * @default - none
   */
  readonly tag?: string;
  /**
   * The digest (`sha256:<64 hex>`), when one was given.
   * @default - none
   */
  readonly digest?: string;
}

/** A registry plus repository, the unit the registry verbs work on. */
export interface RepositoryRef {
  /** Registry host with optional port. */
  readonly registry: string;
  /** Repository path inside the registry. */
  readonly repository: string;
}

// Grammar from the distribution reference package (also what ggcr accepts).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** Digest algorithms registries use, with their hex forms (OCI image-spec `descriptor.md`). */
const DIGESTS: Readonly<Record<string, RegExp>> = { sha256: /^[a-f0-9]{64}$/, sha384: /^[a-f0-9]{96}$/, sha512: /^[a-f0-9]{128}$/ };
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\](?::[0-9]{1,5})?$/;
const MAX_NAME_LENGTH = 255;

/**
 * Parses an image reference the way ggcr does for cosign, so that the signed `docker-reference`
 * is byte-identical to cosign's.
 *
 * - no registry, or `docker.io` → `index.docker.io`; a single-component Docker Hub name gets `library/`;
 * - the first path component is a registry when it contains `.` or `:`, or is `localhost`
 *   (Docker's rule; ggcr alone would send `localhost/x` to Docker Hub);
 * - repository components are lower-case; tags and digests are validated.
 *
 * @throws InvalidReferenceError with a one-line message naming the input.
 */
export function parseReference(input: string): ImageReference {
  const fail = (what: string): never => {
    throw new InvalidReferenceError(`invalid image reference ${JSON.stringify(input)}: ${what}; use registry/repository[:tag][@sha256:<64 hex>]`);
  };
  if (input.length === 0) fail('it is empty');
  if (/\s/.test(input)) fail('it contains white space');
  if (input.includes('://')) fail('it must not have a URL scheme');

  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) {
      fail(`digest ${JSON.stringify(digest)} is not sha256:<64 lower-case hex>`);
    }
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail(`tag ${JSON.stringify(tag)} is not valid (letters, digits, _ . -, at most 128, not starting with . or -)`);
  }

  let registry = DOCKER_HUB_REGISTRY;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[')) {
      registry = first === 'docker.io' ? DOCKER_HUB_REGISTRY : first;
      repository = rest.slice(slash + 1);
      if (!HOST.test(registry) && !IPV6_HOST.test(registry)) fail(`registry ${JSON.stringify(registry)} is not a host[:port]`);
    }
  }
  if (repository.length === 0) fail('the repository is missing');
  for (const component of repository.split('/')) {
    if (!COMPONENT.test(component)) {
      fail(`repository component ${JSON.stringify(component)} must be lower-case letters and digits separated by . _ __ or -`);
    }
  }
  if (registry === DOCKER_HUB_REGISTRY && !repository.includes('/')) repository = `library/${repository}`;
  if (`${registry}/${repository}`.length > MAX_NAME_LENGTH) fail(`the name is longer than ${MAX_NAME_LENGTH} characters`);

  return { registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** `registry/repository` (ggcr `Repository.Name()`), the form cosign puts into `docker-reference`. */
export function repositoryName(ref: RepositoryRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** Formats a reference back to `registry/repository[:tag][@digest]`. */
export function formatReference(ref: ImageReference): string {
  return `${repositoryName(ref)}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/** True when `value` is a well-formed digest: `sha256:`, `sha384:` or `sha512:` and the right number of lowercase hex digits. */
export function isDigest(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const [algorithm = '', hex, extra] = value.split(':');
  // own keys only: `constructor:…` must not find Object's prototype
  const pattern = Object.hasOwn(DIGESTS, algorithm) ? DIGESTS[algorithm] : undefined;
  return hex !== undefined && extra === undefined && pattern !== undefined && pattern.test(hex);
}

/** True when `value` is a valid tag (letters, digits, `_ . -`, at most 128, not starting with `.` or `-`). */
export function isTag(value: string): boolean {
  return TAG.test(value);
}
