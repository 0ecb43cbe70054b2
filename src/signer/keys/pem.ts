/** PEM framing lives in the shared foundation (one PEM checker for the signer and the constructs). */
export { decodeFirstPem, decodeStdBase64, encodePem, type PemBlock, pemText } from '../../shared/pem.js';
