/** The app-wide signer image: one context key read by both signer Tasks and the build-and-sign pattern. */
import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { CosignSignTask } from '../../src/catalog/cosign-sign-task.js';
import { CosignVerifyTask } from '../../src/catalog/cosign-verify-task.js';
import { CosignPublicKey } from '../../src/policies/cosign-public-key.js';
import { SIGNER_IMAGE_CONTEXT_KEY, signerImageFor, useSignerImage } from '../../src/catalog/signer-image-setting.js';
import { SigningKeySecret } from '../../src/constructs/index.js';
import { signerImage } from '../../src/image/lock.js';
import { BuildAndSignPipeline } from '../../src/patterns/build-and-sign-pipeline.js';

const MINE = `registry.example.com/platform/signet@sha256:${'c'.repeat(64)}`;
const OTHER = `registry.example.com/other/signet@sha256:${'d'.repeat(64)}`;

function stepImages(chart: Chart): string[] {
  return Testing.synth(chart)
    .filter((o) => o.kind === 'Task')
    .flatMap((o) => (o.spec.steps as { image: string }[]).map((s) => `${o.metadata.name}=${s.image}`));
}

describe('useSignerImage', () => {
  it('sets the image of every signer Task in the app, including the pattern', () => {
    // GIVEN an app whose signer image is set once
    const app = Testing.app();
    useSignerImage(app, MINE);
    const chart = new Chart(app, 'ci');
    const signingKey = SigningKeySecret.fromSecretName(chart, 'key', 'cosign-signing-secret');
    // WHEN the pattern and a standalone verify Task are added
    new BuildAndSignPipeline(chart, 'build', { signingKey });
    const verify = new CosignVerifyTask(chart, 'verify', { publicKey: CosignPublicKey.fromSigningKeySecret(signingKey), metadata: { name: 'verify-again' } });
    // THEN both signer Tasks of the pattern and the standalone one run it; the other steps keep their images
    expect(verify.signerImage).toBe(MINE);
    const images = stepImages(chart);
    expect(images.filter((i) => i.startsWith('cosign-') || i.startsWith('verify-again'))).toEqual([
      `cosign-sign=${MINE}`,
      `cosign-verify=${MINE}`,
      `verify-again=${MINE}`,
    ]);
    expect(images.join('\n')).not.toContain(signerImage().reference);
  });

  it('yields to a Task\'s own image prop', () => {
    const app = Testing.app();
    useSignerImage(app, MINE);
    const chart = new Chart(app, 'ci');
    const task = new CosignSignTask(chart, 'sign', { signingKey: SigningKeySecret.fromSecretName(chart, 'key', 'k'), image: OTHER });
    expect(task.signerImage).toBe(OTHER);
  });

  it('defaults to the locked image when unset', () => {
    const chart = new Chart(Testing.app(), 'ci');
    expect(signerImageFor(chart, undefined)).toBe(signerImage().reference);
  });

  it('refuses an image not pinned by digest, naming the key and the form to use', () => {
    expect(() => useSignerImage(new App(), 'registry.example.com/platform/signet:latest')).toThrow(
      /^app: signer image \(signet:signerImage\): image 'registry\.example\.com\/platform\/signet:latest' is not pinned by digest; write registry\/repository\[:tag\]@sha256:<64 hex>$/,
    );
  });

  it('refuses to be set after charts exist, since they would not see it', () => {
    const app = Testing.app();
    new Chart(app, 'ci');
    expect(() => useSignerImage(app, MINE)).toThrow(/set after constructs were added.*call useSignerImage right after new App\(\)$/);
  });

  it('rejects a context value set by hand that is not pinned', () => {
    const app = Testing.app();
    app.node.setContext(SIGNER_IMAGE_CONTEXT_KEY, 'signet:latest');
    const chart = new Chart(app, 'ci');
    expect(() => new CosignSignTask(chart, 'sign', { signingKey: SigningKeySecret.fromSecretName(chart, 'key', 'k') })).toThrow(
      /ci\/sign: context 'signet:signerImage': image 'signet:latest' is not pinned by digest/,
    );
  });
});
