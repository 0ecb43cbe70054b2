/**
 * Typed builders for the built-in remote resolvers (`taskRef`, `pipelineRef` and step `ref`).
 *
 * @see https://tekton.dev/docs/pipelines/resolution/
 */
import type { Param } from './model/params.js';
import type { ResolverRef } from './model/refs.js';

function params(fields: Record<string, string | undefined>): Param[] {
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => ({ name, value }));
}

/** Options of the `bundles` resolver (a Tekton Bundle in an OCI registry). */
export interface BundlesResolverOptions {
  /** OCI reference of the bundle; pin it by digest. */
  readonly bundle: string;
  /** Name of the resource inside the bundle. */
  readonly name: string;
  /** `task`, `pipeline` or `stepaction`. @default 'task' (the resolver's default) */
  readonly kind?: 'task' | 'pipeline' | 'stepaction';
  /** Pull secret name. @default - the resolver's default service account credentials */
  readonly secret?: string;
  /** Cache mode. @default - the resolver's default */
  readonly cache?: 'always' | 'never' | 'auto';
}

/** Options of the `git` resolver. Exactly one of `url` or (`repo` and `org`) must be set. */
export interface GitResolverOptions {
  /** Clone URL (anonymous). @default - none: use repo and org */
  readonly url?: string;
  /** Repository name for the SCM API. @default - none: use url */
  readonly repo?: string;
  /** Organisation for the SCM API. @default - none: use url */
  readonly org?: string;
  /** Commit SHA (recommended), branch or tag. Required here because the resolver's default (`main`) is mutable. */
  readonly revision: string;
  /** Path of the YAML file in the repository. */
  readonly pathInRepo: string;
  /** Secret holding the API token. @default - anonymous API access (rate-limited, public repositories only) */
  readonly token?: string;
  /** Key of the token in that Secret. @default - the resolver's default */
  readonly tokenKey?: string;
  /** SCM server URL. @default - the resolver's default */
  readonly serverURL?: string;
  /** SCM type (github, gitlab, gitea, bitbucketcloud, bitbucketserver). @default - the resolver's default */
  readonly scmType?: string;
  /** Cache mode. @default - the resolver's default */
  readonly cache?: 'always' | 'never' | 'auto';
}

/** Options of the `cluster` resolver (replaces ClusterTask). */
export interface ClusterResolverOptions {
  /** Name of the object. */
  readonly name: string;
  /** Kind. @default 'task' (the resolver's default) */
  readonly kind?: 'task' | 'pipeline' | 'stepaction';
  /** Namespace holding it; set it explicitly. @default - the resolver's `default-namespace` */
  readonly namespace?: string;
  /** Cache mode. @default - the resolver's default */
  readonly cache?: 'always' | 'never' | 'auto';
}

/** Options of the `hub` resolver (Artifact Hub). */
export interface HubResolverOptions {
  /** Name of the resource. */
  readonly name: string;
  /** Version or constraint, e.g. `0.9` or `>= 0.5.0`. */
  readonly version: string;
  /** Kind. @default - the resolver's default ('task') */
  readonly kind?: 'task' | 'pipeline' | 'stepaction';
  /** Catalog name; required for step actions. @default - the resolver's default catalog */
  readonly catalog?: string;
  /** Hub type; `tekton` is deprecated. @default - the resolver's default ('artifact') */
  readonly type?: 'artifact' | 'tekton';
  /** Hub URL. @default - the resolver's default */
  readonly url?: string;
}

/** Options of the `http` resolver. */
export interface HttpResolverOptions {
  /** URL of the YAML. */
  readonly url: string;
  /** Expected digest (`sha256:…` or `sha512:…`). @default - not checked */
  readonly digest?: string;
  /** User name for the HTTP server. @default - anonymous */
  readonly username?: string;
  /** Secret holding the password. @default - no password: the registry is read anonymously or with `username` alone */
  readonly passwordSecret?: string;
  /** Key of the password in that Secret. @default - not set (needed only with `passwordSecret`) */
  readonly passwordSecretKey?: string;
}

/** Builders of {@link ResolverRef} values for the built-in resolvers. */
export const Resolvers = {
  /** A Tekton Bundle. */
  bundles(o: BundlesResolverOptions): ResolverRef {
    return { resolver: 'bundles', params: params({ bundle: o.bundle, name: o.name, kind: o.kind, secret: o.secret, cache: o.cache }) };
  },
  /** A file in a git repository. */
  git(o: GitResolverOptions): ResolverRef {
    return {
      resolver: 'git',
      params: params({
        url: o.url,
        repo: o.repo,
        org: o.org,
        revision: o.revision,
        pathInRepo: o.pathInRepo,
        token: o.token,
        tokenKey: o.tokenKey,
        serverURL: o.serverURL,
        scmType: o.scmType,
        cache: o.cache,
      }),
    };
  },
  /** An object in another namespace of the cluster. */
  cluster(o: ClusterResolverOptions): ResolverRef {
    return { resolver: 'cluster', params: params({ kind: o.kind, name: o.name, namespace: o.namespace, cache: o.cache }) };
  },
  /** A catalog entry on Artifact Hub. */
  hub(o: HubResolverOptions): ResolverRef {
    return {
      resolver: 'hub',
      params: params({ catalog: o.catalog, type: o.type, kind: o.kind, name: o.name, version: o.version, url: o.url }),
    };
  },
  /** A YAML file over HTTP(S). */
  http(o: HttpResolverOptions): ResolverRef {
    return {
      resolver: 'http',
      params: params({
        url: o.url,
        digest: o.digest,
        'http-username': o.username,
        'http-password-secret': o.passwordSecret,
        'http-password-secret-key': o.passwordSecretKey,
      }),
    };
  },
} as const;
