import { describe, expect, it } from 'vitest';
import { closeObjects, K8S_SCHEMAS_SKIP_REASON, k8sSchemasAvailable, validateK8sObject } from '../helpers/k8s-schemas.js';

describe('closeObjects', () => {
  it('closes object nodes with properties and leaves open ones open', () => {
    const closed = closeObjects({
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { a: { type: 'string' } } },
        open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { b: { type: 'string' } } },
        map: { type: 'object', additionalProperties: { type: 'string' } },
        properties: { type: 'object', properties: { c: { type: 'string' } } },
      },
    }) as any;
    expect(closed.additionalProperties).toBe(false);
    expect(closed.properties.spec.additionalProperties).toBe(false);
    expect(closed.properties.open.additionalProperties).toBeUndefined();
    expect(closed.properties.map.additionalProperties).toEqual({ type: 'string' });
    // a field literally named "properties" is a schema, not a properties map.
    expect(closed.properties.properties.additionalProperties).toBe(false);
  });
});

describe.skipIf(!k8sSchemasAvailable)('validateK8sObject', () => {
  const valid = {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: 'x', namespace: 'ci' },
    spec: { encryptedData: { a: 'b' } },
  };

  it('accepts a valid object', () => {
    expect(validateK8sObject(valid)).toEqual([]);
  });

  it('fails an unknown field, naming it', () => {
    const errors = validateK8sObject({ ...valid, spec: { ...valid.spec, encryptedDta: {} } });
    expect(errors).toEqual(["/spec must NOT have additional properties 'encryptedDta'"]);
  });

  it('fails a kind without a schema rather than passing it', () => {
    expect(validateK8sObject({ apiVersion: 'v1', kind: 'Secret' })).toEqual(['no schema known for v1/Secret']);
  });
});

describe.skipIf(k8sSchemasAvailable)('validateK8sObject without ../shared', () => {
  it('skips', () => {
    console.warn(K8S_SCHEMAS_SKIP_REASON);
  });
});
