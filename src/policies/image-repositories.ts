import { isRegistryComponent, isRegistryHost, isRepositoryComponent } from '../shared/oci/index.js';
import { PolicyError } from './errors.js';

/**
 * A validated image repository pattern, split into registry host and repository path.
 *
 * Patterns use one syntax for every verifier: `*` matches within one path segment and `**`
 * matches any number of segments. Tags and digests are never part of a pattern: every tag and
 * every digest of a matched repository must be signed.
 */
export interface RepositoryPattern {
  /** Registry host, with port if any, e.g. `registry.example.com:5000`. Docker Hub is `docker.io`. */
  readonly host: string;
  /** Repository path below the host, e.g. `team/app` or `team/**`. */
  readonly path: string;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * Validates repository patterns and removes duplicates, keeping the first occurrence's order.
 *
 * @param patterns fully qualified repositories such as `registry.example.com/team/app`, with
 *   optional `*` / `**` wildcards in the path (never in the host)
 * @param where construct path used in error messages
 * @throws PolicyError `POLICY_NO_REPOSITORIES` for an empty list, `POLICY_INVALID_REPOSITORY` for a bad pattern
 */
export function parseRepositoryPatterns(patterns: readonly string[], where: string): RepositoryPattern[] {
  if (patterns.length === 0) {
    throw new PolicyError(
      'POLICY_NO_REPOSITORIES',
      `${where}: repositories is empty: list the image repositories the pipeline pushes to, e.g. 'registry.example.com/team/app'`,
    );
  }
  const seen = new Set<string>();
  const result: RepositoryPattern[] = [];
  for (const raw of patterns) {
    const parsed = parseOne(raw, where);
    const key = `${parsed.host}/${parsed.path}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(parsed);
    }
  }
  return result;
}

/**
 * Image references for Kyverno (`imageReferences` of a ClusterPolicy, `matchImageReferences[].glob`
 * of an ImageValidatingPolicy): `<repo>:*` for tagged and `<repo>@*` for digest references.
 *
 * Kyverno's `*` also crosses `/`, so a one-segment `*` widens to any depth there; widening only
 * makes more images subject to verification, never fewer.
 */
export function kyvernoImageReferences(repositories: readonly RepositoryPattern[]): string[] {
  return repositories.flatMap((repo) => {
    const host = DOCKER_HUB_HOSTS.has(repo.host) ? 'docker.io' : repo.host;
    const base = `${host}/${dockerHubPath(repo)}`.replace(/\*\*/g, '*');
    return [`${base}:*`, `${base}@*`];
  });
}

/**
 * Globs for Sigstore policy-controller (`spec.images[].glob`): `<repo>:**` and `<repo>@**`.
 *
 * policy-controller matches the whole reference and validates pods only after resolving tags to
 * digests, so the `@**` form is the one that matches at admission; Docker Hub needs `index.docker.io/`.
 */
export function policyControllerImageGlobs(repositories: readonly RepositoryPattern[]): string[] {
  return repositories.flatMap((repo) => {
    const host = DOCKER_HUB_HOSTS.has(repo.host) ? 'index.docker.io' : repo.host;
    const base = `${host}/${dockerHubPath(repo)}`;
    return [`${base}:**`, `${base}@**`];
  });
}

function parseOne(raw: string, where: string): RepositoryPattern {
  const fail = (why: string): never => {
    throw new PolicyError(
      'POLICY_INVALID_REPOSITORY',
      `${where}: repository '${raw}' is not a valid pattern: ${why}; ` +
        "use '<registry-host>/<path>' with optional '*' (one segment) or '**' (any depth) in the path",
    );
  };
  if (raw !== raw.trim() || raw.length === 0) fail('it is empty or has surrounding spaces');
  if (raw.includes('@')) fail('digests are not allowed, every digest of the repository is checked');
  if (raw !== raw.toLowerCase()) fail('repository names are lower-case');
  const slash = raw.indexOf('/');
  if (slash < 0) fail('it has no registry host; write it fully qualified, e.g. docker.io/library/nginx');
  const host = raw.slice(0, slash);
  const path = raw.slice(slash + 1);
  if (host.includes('*')) fail('wildcards are not allowed in the registry host');
  if (!isRegistryComponent(host) || !isRegistryHost(host)) fail(`'${host}' is not a registry host (it needs a dot, a port or to be localhost)`);
  if (path.includes(':')) fail('tags are not allowed, every tag of the repository is checked');
  const segments = path.split('/');
  for (const segment of segments) {
    // a wildcard stands for letters or digits, so the segment must be a repository component with it filled in
    if (segment !== '**' && !isRepositoryComponent(segment.replace(/\*/g, 'a'))) fail(`path segment '${segment}' is empty or has characters outside [a-z0-9._-*]`);
    if (segment !== '**' && segment.includes('**')) fail("'**' must be a whole path segment");
  }
  return { host, path };
}

/** Docker Hub's official images live under `library/`. */
function dockerHubPath(repo: RepositoryPattern): string {
  if (DOCKER_HUB_HOSTS.has(repo.host) && !repo.path.includes('/')) return `library/${repo.path}`;
  return repo.path;
}
