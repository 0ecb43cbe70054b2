import { SIGNER_COMMANDS as C, SIGNER_ENV as E, SIGNER_FLAGS as F } from '../../shared/constants.js';

const row = (left: string, right: string): string => `  ${left.padEnd(32)} ${right}\n`;

/** The `--help` text. */
export const HELP_TEXT =
  'signet: sign and verify container images with cosign-compatible keys (.sig tags or Sigstore bundles)\n\n' +
  'Usage:\n' +
  `  signet ${C.generateKeyPair} [--${F.outputKeyPrefix} cosign] [--${F.keyFormat} cosign|sigstore] [--force]\n` +
  `  signet ${C.sign} --${F.key} cosign.key [options] IMAGE\n` +
  `  signet ${C.verify} --${F.key} cosign.pub [options] IMAGE\n` +
  `  signet ${C.publicKey} --${F.key} cosign.key\n` +
  `  signet ${C.lint} [--format text|json|sarif] [--feature-flags FILE | --enable-api-fields LEVEL] [--strict] PATH...|-\n` +
  `  signet ${C.init} [DIR] [--signet-spec SPEC] [--name NAME]\n` +
  `  signet ${C.image} build [--push REGISTRY/REPO[:TAG]] [--out DIR] [--base SPEC] [--bundle FILE]\n` +
  '  signet --help | --version\n\n' +
  'Key options (generate-key-pair, sign, public-key):\n' +
  row(`--${F.passwordFile} FILE`, 'password of the private key (one trailing newline is ignored)') +
  row(`--${F.keyFormat} cosign|sigstore`, 'generate-key-pair: cosign (default, every cosign reads it) or sigstore') +
  row('--force', 'generate-key-pair: overwrite existing key files') +
  'Sign options:\n' +
  row(`-a, --${F.annotations} KEY=VALUE`, 'add an annotation to the signed payload (repeatable)') +
  row(`--${F.signContainerIdentity} REF`, 'sign REF as the docker-reference instead of the repository') +
  row(`--${F.identityWithTag}`, 'sign repository:tag as the docker-reference (podman default policy)') +
  row(`--${F.resultsDir} DIR`, 'write Tekton results IMAGE_URL and IMAGE_DIGEST into DIR') +
  row(`--${F.imageUrlFile} FILE`, 'write the image URL (no digest) to FILE, e.g. $(results.IMAGE_URL.path)') +
  row(`--${F.imageDigestFile} FILE`, 'write the image digest to FILE, e.g. $(results.IMAGE_DIGEST.path)') +
  row(`--${F.newBundleFormat}[=true|false]`, "store cosign v3's Sigstore bundle as an OCI referrer instead of the .sig tag") +
  row(`-r, --${F.recursive}[=true|false]`, 'on an image index, also sign every manifest it lists (each by digest)') +
  'Verify options:\n' +
  row(`-a, --${F.annotations} KEY=VALUE`, 'require this annotation in the payload (repeatable)') +
  row(`--${F.newBundleFormat}[=true|false|auto]`, 'bundle referrers only, .sig only, or (auto, default) bundles when any exist') +
  'Init options (writes a GitOps repository for signet pipelines into DIR, default .; never overwrites):\n' +
  row('--signet-spec SPEC', 'the signet dependency: a version, a tarball path or a git URL (default: this version)') +
  row('--name NAME', "the project's npm name (default: the folder name)") +
  'Image options (image build; prints the pushed REGISTRY/REPO@sha256:… or, without --push, the digest):\n' +
  row('--push REGISTRY/REPO[:TAG]', 'push the signer image there; pass the result to useSignerImage(app, REF)') +
  row('--out DIR', 'also write the image as an OCI layout') +
  row('--base runtime|SPEC', 'runtime (this node binary, default), oci-layout:PATH@sha256:… or REPO@sha256:…') +
  'Registry options (sign, verify, image build):\n' +
  row(`--${F.allowHttpRegistry}`, 'allow plain HTTP (always allowed for 127.0.0.0/8, localhost, ::1)') +
  row(`--${F.allowInsecureRegistry}`, 'skip TLS certificate verification') +
  row(`--${F.registryCaFile} FILE`, 'also trust the CA certificates in FILE (PEM)') +
  row(`--${F.requestTimeout} DURATION`, 'deadline of one registry request, body included (default 60s)') +
  row(`-t, --${F.timeout} DURATION`, 'deadline of all the registry work of the command (default 3m)') +
  'Lint options (Tekton YAML/JSON files, folders recursively, - for stdin; see docs/lint.md):\n' +
  row('--format text|json|sarif', 'output format (default text; sarif is SARIF 2.1.0)') +
  row('--feature-flags FILE', "judge under Tekton's feature-flags ConfigMap in FILE") +
  row('--enable-api-fields alpha|beta|stable', 'shorthand for that one flag (default beta, as Tekton)') +
  row('--strict', 'warnings fail too (exit 1)') +
  '\nEnvironment:\n' +
  row(E.password, 'key password; set but empty means the empty password') +
  row(E.dockerConfig, 'directory of config.json: auths, credHelpers, credsStore (default ~/.docker)') +
  row(E.dockerAuthConfig, 'config JSON whose auths entries win over config.json') +
  row(E.sslCertFile, 'extra CA certificates (PEM) to trust') +
  '\nExit codes: 0 ok, 1 verification failed, 2 usage, 3 key or password, 4 registry or network,\n' +
  '5 signing conflict or malformed signature data, 6 local file, 7 image not found, 70 internal error.\n' +
  'lint: 0 clean, 1 findings (errors; warnings too with --strict), 2 usage or unreadable input.\n';
