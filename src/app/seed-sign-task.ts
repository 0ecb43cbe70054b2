import type { Construct } from 'constructs';
import { CosignSignTask } from '../catalog/cosign-sign-task.js';
import type { ISigningKeySecret } from '../constructs/index.js';

/** Props of {@link createSeedSignTask}. */
export interface SeedSignTaskProps {
  /** The signing-key Secret (cosign layout) to mount at `/keys`. */
  readonly signingKey: ISigningKeySecret;
}

/**
 * The `cosign-sign` Task of the app's pipeline: a {@link CosignSignTask} signing `IMAGE` (by digest) with the key
 * mounted from the signing Secret, on the locked signer image.
 */
export function createSeedSignTask(scope: Construct, id: string, props: SeedSignTaskProps): CosignSignTask {
  return new CosignSignTask(scope, id, { signingKey: props.signingKey });
}
