/**
 * The `.sig` image manifest: one config blob and one layer per signature.
 */
import { signatureConfig, type SignatureConfigOptions } from './config.js';
import { MEDIA_TYPES } from './constants.js';
import { checkDescriptor, type Descriptor, descriptorJson } from './descriptor.js';
import { sha256Digest } from '../../shared/oci/index.js';
import { quote } from './digest.js';
import { FormatError } from './errors.js';
import { goJsonBytes } from './go-json.js';

/** Options of {@link signatureManifest}. */
export interface SignatureManifestOptions extends SignatureConfigOptions {
  /**
   * Media types of the manifest and config. `docker` is what `COSIGN_DOCKER_MEDIA_TYPES=1` gives;
   * containers/image (podman, skopeo, CRI-O) refuses such `.sig` manifests.
   * @default 'oci'
   */
  readonly mediaTypes?: 'oci' | 'docker';
}

/** A built `.sig` manifest and the config blob it references (push the config first). */
export interface SignatureManifest {
  /** Manifest bytes (compact JSON; PUT these exact bytes). */
  readonly manifest: Uint8Array;
  /** `sha256:` digest of {@link manifest}. */
  readonly manifestDigest: string;
  /** The manifest's media type (the Content-Type to PUT it with). */
  readonly mediaType: string;
  /** Config blob bytes. */
  readonly config: Uint8Array;
  /** Descriptor of the config blob, as embedded in the manifest. */
  readonly configDescriptor: Descriptor;
}

/** A parsed `.sig` manifest. */
export interface ParsedSignatureManifest {
  /** The manifest media type, or undefined when the document does not declare one (allowed by OCI). */
  readonly mediaType: string | undefined;
  /** The config descriptor. */
  readonly config: Descriptor;
  /** Every layer, in order, with its annotations (including layers that are not simple-signing). */
  readonly layers: Descriptor[];
}

/**
 * Builds the manifest and config of a `.sig` image holding `layers`, byte-identical to cosign:
 * ggcr key order (schemaVersion, mediaType, config, layers), compact JSON, sorted annotations.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_MANIFEST` for no layers or a malformed layer descriptor
 */
export function signatureManifest(layers: readonly Descriptor[], options: SignatureManifestOptions = {}): SignatureManifest {
  const checked = layers.map((layer, index) => checkDescriptor(layer, `layer ${index + 1}`));
  const docker = options.mediaTypes === 'docker';
  const config = signatureConfig(checked, options);
  const configDescriptor: Descriptor = {
    mediaType: docker ? MEDIA_TYPES.dockerConfig : MEDIA_TYPES.ociConfig,
    size: config.length,
    digest: sha256Digest(config),
  };
  const mediaType = docker ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifest = goJsonBytes({
    schemaVersion: 2,
    mediaType,
    config: descriptorJson(configDescriptor),
    layers: checked.map(descriptorJson),
  });
  return { manifest, manifestDigest: sha256Digest(manifest), mediaType, config, configDescriptor };
}

const MANIFEST_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];

/**
 * Parses an existing `.sig` manifest (to append to it, or to verify its layers). Accepts OCI and
 * Docker schema 2 image manifests; refuses indexes and anything else.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_MANIFEST`
 */
export function parseSignatureManifest(bytes: Uint8Array): ParsedSignatureManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid('it is not UTF-8 JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalid('it is not a JSON object');
  const { schemaVersion, mediaType, config, layers } = doc as Record<string, unknown>;
  if (mediaType !== undefined && (typeof mediaType !== 'string' || !MANIFEST_TYPES.includes(mediaType))) {
    throw invalid(`media type ${quote(mediaType)} is not an image manifest (expected ${MEDIA_TYPES.ociManifest})`);
  }
  if (schemaVersion !== 2) throw invalid(`schemaVersion is ${quote(String(schemaVersion))}, expected 2`);
  if (!Array.isArray(layers)) throw invalid('it has no layers array');
  return {
    mediaType,
    config: checkDescriptor(config, 'the config descriptor'),
    layers: layers.map((layer: unknown, index) => checkDescriptor(layer, `layer ${index + 1}`)),
  };
}

function invalid(what: string): FormatError {
  return new FormatError('FORMAT_INVALID_MANIFEST', `invalid signature manifest: ${what}`);
}
