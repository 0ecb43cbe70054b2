import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A test CA and a server certificate for 127.0.0.1 / localhost / ::1, made with openssl. */
export interface TestCertificates {
  readonly caPemPath: string;
  readonly caPem: string;
  readonly certPath: string;
  readonly keyPath: string;
}

/** Makes a throw-away CA and a server certificate signed by it, in `dir`. */
export function makeTestCertificates(dir: string): TestCertificates {
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
  run(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '2', '-subj', '/CN=signet test CA', '-out', 'ca.pem',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key']);
  run(['req', '-new', '-key', 'server.key', '-subj', '/CN=127.0.0.1', '-out', 'server.csr']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-sha256',
    '-extfile', 'server.ext', '-out', 'server.pem']);
  return {
    caPemPath: join(dir, 'ca.pem'),
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server.key'),
  };
}

/** A self-signed signing certificate for the test token server (distribution's `rootcertbundle`). */
export interface TokenSigningCert {
  readonly certPath: string;
  readonly certDerBase64: string;
  readonly keyPem: string;
}

/** Makes an ECDSA P-256 self-signed certificate for signing registry tokens. */
export function makeTokenSigningCert(dir: string): TokenSigningCert {
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'token.key'], { cwd: dir, stdio: 'pipe' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', 'token.key', '-sha256', '-days', '2', '-subj', '/CN=signet test token issuer', '-out', 'token.pem'], { cwd: dir, stdio: 'pipe' });
  const pem = readFileSync(join(dir, 'token.pem'), 'utf8');
  const der = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return { certPath: join(dir, 'token.pem'), certDerBase64: der, keyPem: readFileSync(join(dir, 'token.key'), 'utf8') };
}
