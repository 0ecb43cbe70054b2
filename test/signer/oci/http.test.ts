import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';

import { uniqueCertificates } from '../../../src/signer/oci/http.js';

// Not a trusted root: a made-up body is enough, nothing here parses the DER.
const OWN_CA = '-----BEGIN CERTIFICATE-----\nTUlJQm93bkNB\n-----END CERTIFICATE-----';

describe('uniqueCertificates', () => {
  it('keeps a bundle\'s certificates that Node does not already trust, each once', () => {
    const nodeRoot = rootCertificates[0]!;
    // A system bundle repeats Node's roots, with other line breaks.
    const bundle = `${nodeRoot.replace(/\n/g, '\r\n')}\n${OWN_CA}\n${OWN_CA}\n`;
    expect(uniqueCertificates([bundle, OWN_CA], rootCertificates)).toEqual([OWN_CA]);
  });

  it('hands anything that holds no certificate block to Node unchanged, which judges it', () => {
    expect(uniqueCertificates(['not a pem'], rootCertificates)).toEqual(['not a pem']);
  });
});
