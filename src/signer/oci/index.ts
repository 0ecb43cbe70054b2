/** The OCI registry client: reference parsing, transport and auth, registry verbs. Node built-ins only. */
export * from './credential-helper.js';
export * from './credentials.js';
export * from './docker-keychain.js';
export * from './errors.js';
export { createHttpSend, HttpTransportError, type HttpRequest, type HttpResponse, type HttpSend, type PooledHttpSend, type TlsOptions } from './http.js';
export * from './redact.js';
export * from './reference.js';
export * from './registry.js';
export * from './transport.js';
export * from './transport-types.js';
export { isLoopbackRegistry } from './_challenge.js';
