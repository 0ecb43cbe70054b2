/**
 * DSSE (Dead Simple Signing Envelope): what is signed is the pre-authentication encoding (PAE) of
 * the payload type and payload, never the bare payload.
 * @see https://github.com/secure-systems-lab/dsse/blob/master/protocol.md
 */

/** Payload type of an in-toto statement inside a DSSE envelope. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** `"DSSEv1" SP len(type) SP type SP len(body) SP body`, lengths as decimal byte counts. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `, 'utf8');
  return new Uint8Array(Buffer.concat([head, payload]));
}
