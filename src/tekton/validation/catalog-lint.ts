/**
 * Hygiene lint for containers (CAT-4 to CAT-7) and the catalog profile (CAT-2, CAT-3), all warnings.
 */
import { hasRegistry } from '../../shared/oci/index.js';
import { asObj, field, objs, str, type Issues, type Obj } from './_model.js';

/** Label that marks an object as a versioned catalog resource; it switches on the catalog profile. */
const CATALOG_VERSION_LABEL = 'app.kubernetes.io/version';

/** CAT-4 to CAT-7 for one step, sidecar or StepAction. */
export function lintContainer(c: Obj, path: string, issues: Issues): void {
  const image = str(c.image);
  if (image !== undefined && image !== '' && !image.includes('$(')) lintImage(image, field(path, 'image'), issues);
  objs(c.env).forEach((e) => {
    if (asObj(e.valueFrom).secretKeyRef !== undefined) {
      issues.warn('CAT-5', field(path, 'env'), `env variable "${str(e.name) ?? ''}" is read from a Secret`, 'mount the Secret as a volume or workspace and read the file instead', str(e.name));
    }
  });
  if (objs(c.envFrom).some((e) => e.secretRef !== undefined)) {
    issues.warn('CAT-5', field(path, 'envFrom'), 'envFrom exposes a whole Secret as environment variables', 'mount the Secret as a volume or workspace instead');
  }
  const script = str(c.script);
  if (script !== undefined && !script.trimStart().startsWith('#!')) {
    issues.warn('CAT-6', field(path, 'script'), 'script does not start with a shebang', 'start the script with e.g. "#!/bin/sh" and "set -eu"');
  }
  const sc = asObj(c.securityContext);
  if (sc.privileged === true) issues.warn('CAT-7', field(field(path, 'securityContext'), 'privileged'), 'container runs privileged', 'drop privileged unless the task truly needs it', true);
  if (sc.runAsUser === 0) issues.warn('CAT-7', field(field(path, 'securityContext'), 'runAsUser'), 'container runs as root', 'run as a non-root user id, e.g. 65532', 0);
}

function lintImage(image: string, path: string, issues: Issues): void {
  const [repoAndTag = '', digest] = image.split('@');
  const lastPart = repoAndTag.slice(repoAndTag.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
  if (!hasRegistry(repoAndTag)) {
    issues.warn('CAT-4', path, 'image is not fully qualified with a registry host', 'write the registry, e.g. docker.io/library/alpine', image);
  }
  if (digest === undefined) {
    const latest = tag === undefined || tag === 'latest';
    issues.warn('CAT-4', path, latest ? 'image uses the latest tag and no digest' : 'image is not pinned by digest', 'pin the image as repo:tag@sha256:...', image);
  }
}

/** CAT-2 and CAT-3 for objects that carry the catalog version label. */
export function lintCatalogObject(manifest: Obj, issues: Issues): void {
  const metadata = asObj(manifest.metadata);
  if (str(asObj(metadata.labels)[CATALOG_VERSION_LABEL]) === undefined) return;
  const annotations = asObj(metadata.annotations);
  for (const key of ['tekton.dev/pipelines.minVersion', 'tekton.dev/categories']) {
    if (str(annotations[key]) === undefined) {
      issues.warn('CAT-2', field('metadata', 'annotations'), `catalog resource is missing annotation ${key}`, `add the ${key} annotation`, key);
    }
  }
  const platforms = str(annotations['tekton.dev/platforms']);
  if (platforms !== undefined && !platforms.split(',').every((p) => /^[a-z0-9]+\/[a-z0-9]+$/.test(p.trim()))) {
    issues.warn('CAT-2', field('metadata', 'annotations'), 'tekton.dev/platforms must list os/arch pairs', 'write e.g. "linux/amd64,linux/arm64"', platforms);
  }
  if (str(asObj(manifest.spec).description) === undefined) {
    issues.warn('CAT-3', field('spec', 'description'), 'catalog resource has no description', 'add spec.description');
  }
}
