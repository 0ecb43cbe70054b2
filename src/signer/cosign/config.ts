import { ZERO_TIME } from './constants.js';
import { type Descriptor } from './descriptor.js';
import { FormatError } from './errors.js';
import { goJsonBytes } from './go-json.js';

/** Options of {@link signatureConfig}. */
export interface SignatureConfigOptions {
  /**
   * The top-level `created` time (RFC 3339). cosign >= 2.2 writes Go's zero time unless
   * `--record-creation-timestamp`; cosign <= 2.1 wrote the signing time.
   * @default '0001-01-01T00:00:00Z' (keeps the config, and so the manifest, deterministic)
   */
  readonly created?: string;
}

/**
 * The config blob of a `.sig` image as cosign >= 2.2 writes it (ggcr `empty.Image` plus one
 * `mutate.Append` per layer): empty architecture and os, one history entry with the zero time and
 * one diff_id per layer. The payload layers are uncompressed, so each diff_id is the layer digest.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_MANIFEST` when `layers` is empty
 */
export function signatureConfig(layers: readonly Descriptor[], options: SignatureConfigOptions = {}): Uint8Array {
  if (layers.length === 0) throw new FormatError('FORMAT_INVALID_MANIFEST', 'a signature image needs at least one layer; pass the signature layer to store');
  // Field order = ggcr's ConfigFile struct; empty `config` is the all-omitempty Config struct.
  return goJsonBytes({
    architecture: '',
    created: options.created ?? ZERO_TIME,
    history: layers.map(() => ({ created: ZERO_TIME })),
    os: '',
    rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.digest) },
    config: {},
  });
}
