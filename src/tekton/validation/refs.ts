/**
 * taskRef, pipelineRef and step `ref` (REF-1 to REF-6): local names versus remote resolution.
 */
import { betaOn, type ResolvedFlags } from './flags.js';
import { isQualifiedName } from './names.js';
import { duplicates, entry, field, has, isObj, objs, str, type Issues, type Obj } from './_model.js';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Resolver params the resolver cannot work without, and a lint hint per resolver (REF-6). */
const REQUIRED_RESOLVER_PARAMS: Record<string, readonly string[]> = {
  bundles: ['bundle', 'name'],
  git: ['pathInRepo'],
  hub: ['name', 'version'],
  cluster: ['name'],
  http: ['url'],
};

/** Validates one ref; `gateRule` names the rule id reported for a beta-gated resolver (PT-8 in pipelines). */
export function validateRef(ref: unknown, path: string, flags: ResolvedFlags, issues: Issues, gateRule = 'REF-3'): void {
  if (!isObj(ref)) return;
  const name = str(ref.name) ?? '';
  const resolver = str(ref.resolver) ?? '';
  const params = objs(ref.params);
  const custom = has(ref, 'apiVersion');
  if (name === '' && resolver === '' && !custom) {
    issues.error('REF-1', field(path, 'name'), 'ref has neither a name nor a resolver', 'set name to a local object, or set resolver and params for a remote one');
  }
  if (params.length > 0 && resolver === '') {
    issues.error('REF-2', field(path, 'params'), 'ref params need a resolver', 'set resolver (bundles, git, hub, cluster or http), or remove params');
  }
  if (params.length > 0 && name !== '') {
    issues.error('REF-2', path, 'ref cannot have both name and params', 'use either name (local object) or resolver with params (remote)', name);
  }
  if ((resolver !== '' || has(ref, 'params')) && !betaOn(flags)) {
    issues.error(gateRule, field(path, 'resolver'), 'remote resolution (resolver, params) needs enable-api-fields "beta" or "alpha"', 'use a local name, or enable beta API fields', resolver);
  }
  if (name !== '') validateRefName(name, resolver, path, flags, issues);
  for (const dup of duplicates(params.map((p) => str(p.name) ?? ''), true)) {
    issues.error('REF-5', entry(field(path, 'params'), dup), `resolver param "${dup}" is given more than once`, 'pass each resolver param once', dup);
  }
  if (resolver !== '') lintResolverParams(resolver, params, path, issues);
}

function validateRefName(name: string, resolver: string, path: string, flags: ResolvedFlags, issues: Issues): void {
  const namePath = field(path, 'name');
  if (URL_LIKE.test(name)) {
    if (!flags.conciseResolverSyntax || resolver === '') {
      issues.error('REF-4', namePath, 'a url-like ref name needs enable-concise-resolver-syntax and a resolver', 'use resolver with params instead, or enable the concise resolver syntax', name);
    }
    return;
  }
  if (resolver !== '') {
    issues.error('REF-4', path, 'ref cannot have both name and resolver', 'drop name and pass the object name as a resolver param', name);
    return;
  }
  if (!name.includes('$(') && !isQualifiedName(name)) {
    issues.error('REF-4', namePath, 'ref name must be a Kubernetes qualified name of at most 63 characters', 'use the metadata.name of the referenced object', name);
  }
}

function lintResolverParams(resolver: string, params: readonly Obj[], path: string, issues: Issues): void {
  const given = new Map(params.map((p) => [str(p.name) ?? '', p.value]));
  const paramsPath = field(path, 'params');
  for (const required of REQUIRED_RESOLVER_PARAMS[resolver] ?? []) {
    if (!given.has(required)) {
      issues.warn('REF-6', paramsPath, `${resolver} resolver needs param "${required}"`, `add { name: ${required}, value: ... } to params`, required);
    }
  }
  const value = (k: string): string => str(given.get(k)) ?? '';
  if (resolver === 'git') {
    if (!given.has('url') && !(given.has('repo') && given.has('org'))) {
      issues.warn('REF-6', paramsPath, 'git resolver has neither url nor repo and org, so it falls back to the tektoncd/catalog repository', 'pass url (or repo and org)');
    }
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value('revision'))) {
      issues.warn('REF-6', paramsPath, 'git resolver revision is not pinned to a commit sha', 'pass revision as a full commit sha', value('revision') || undefined);
    }
  }
  if (resolver === 'bundles' && given.has('bundle') && !value('bundle').includes('@sha256:')) {
    issues.warn('REF-6', paramsPath, 'bundle is not pinned by digest', 'reference the bundle as repo@sha256:...', value('bundle'));
  }
  if (resolver === 'http' && !given.has('digest')) {
    issues.warn('REF-6', paramsPath, 'http resolver has no digest to check the fetched file against', 'pass digest (sha256:... or sha512:...)');
  }
}
