/**
 * Image references (`registry/repository[:tag][@digest]`), parsed once for every part of signet: the signer, the
 * image builder, the catalog's pinned images, the pipeline's admission repositories and the policies' patterns.
 * @see https://github.com/distribution/reference/blob/main/reference.go (the grammar)
 */
import { SignetError } from '../errors.js';
import { isDigest } from './digest.js';

/** Codes of {@link InvalidReferenceError}. */
export type ReferenceErrorCode = 'REFERENCE_INVALID';

/** An image reference that cannot be parsed (e.g. `Foo/Bar:tag`, a bad digest). */
export class InvalidReferenceError extends SignetError<ReferenceErrorCode> {
  public constructor(message: string) {
    super('REFERENCE_INVALID', message);
  }
}

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
   * @default - no tag: the reference names the image by digest, or means `latest` to a registry
   */
  readonly tag?: string;
  /**
   * The digest (`sha256:<64 hex>`), when one was given.
   * @default - no digest: the tag (or `latest`) is resolved by the registry
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
    if (isRegistryComponent(first)) {
      registry = first === 'docker.io' ? DOCKER_HUB_REGISTRY : first;
      repository = rest.slice(slash + 1);
      if (!isRegistryHost(registry)) fail(`registry ${JSON.stringify(registry)} is not a host[:port]`);
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

/**
 * Docker's rule for the first path component: it names a registry when it contains `.` or `:`, is `localhost`,
 * or is a bracketed IPv6 address; otherwise it is a Docker Hub namespace.
 */
export function isRegistryComponent(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}

/** True when `host` is a registry `host[:port]` (a DNS name, IPv4 or bracketed IPv6 address). */
export function isRegistryHost(host: string): boolean {
  return HOST.test(host) || IPV6_HOST.test(host);
}

/** True when `component` is one path component of a repository: lower-case letters and digits separated by `.`, `_`, `__` or `-`. */
export function isRepositoryComponent(component: string): boolean {
  return COMPONENT.test(component);
}

/** True when `input` names its registry (`ghcr.io/x`, `localhost:5000/x`) instead of meaning Docker Hub. */
export function hasRegistry(input: string): boolean {
  const slash = input.indexOf('/');
  return slash > 0 && isRegistryComponent(input.slice(0, slash));
}

/** True when `value` is a valid tag (letters, digits, `_ . -`, at most 128, not starting with `.` or `-`). */
export function isTag(value: string): boolean {
  return TAG.test(value);
}
