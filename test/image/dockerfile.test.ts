/** The Dockerfile must describe the same image contract as the Docker-free build. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CA_BUNDLE_PATH, IMAGE_NODE_PATH, NONROOT_HOME, NONROOT_UID, SIGNER_BUNDLE_PATH, SIGNER_CLI_BUNDLE_PATH, SIGNER_ENTRYPOINT } from '../../src/image/constants.js';

const dockerfile = readFileSync(resolve(import.meta.dirname, '../../Dockerfile'), 'utf8');
const instruction = (name: string): string[] => dockerfile.split('\n').filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());

describe('Dockerfile', () => {
  it('pins every base by digest', () => {
    const images = instruction('ARG').filter((a) => /_IMAGE=/.test(a)).map((a) => a.split('=')[1]!);
    expect(images).toHaveLength(2);
    for (const image of images) expect(image).toMatch(/^[a-z0-9./-]+@sha256:[0-9a-f]{64}$/);
  });

  it('has the same entrypoint, user, working dir and paths as the built image', () => {
    expect(JSON.parse(instruction('ENTRYPOINT')[0]!)).toEqual(SIGNER_ENTRYPOINT);
    expect(instruction('USER')).toEqual([`${NONROOT_UID}:${NONROOT_UID}`]);
    expect(instruction('WORKDIR').at(-1)).toBe(NONROOT_HOME);
    expect(instruction('ENV')).toEqual([`SSL_CERT_FILE=${CA_BUNDLE_PATH}`]);
    expect(dockerfile).toContain(`/out${SIGNER_BUNDLE_PATH}`);
    expect(dockerfile).toContain(`/out${SIGNER_CLI_BUNDLE_PATH}`);
    expect(dockerfile).toContain(`/out${IMAGE_NODE_PATH}`);
  });
});
