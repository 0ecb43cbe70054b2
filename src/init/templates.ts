/**
 * The files of a project made by `signet init`, as strings: the output depends only on the options, never on
 * the clock or the machine.
 */
import { SCAFFOLD_VERSIONS, SUPPORTED_NODE_RANGE } from './versions.js';

/** What the templates are filled with. */
export interface TemplateOptions {
  /** The project's npm name. */
  readonly name: string;
  /** The dependency spec for signet: a version, a tarball (`file:…`) or a git URL. */
  readonly signetSpec: string;
}

/** The folder the manifests are written to and committed from. */
export const MANIFESTS_DIR = 'dist';

/** `package.json`: exact versions, so every clone synthesizes the same bytes. */
export function packageJson(options: TemplateOptions): string {
  const pkg = {
    name: options.name,
    version: '0.0.0',
    private: true,
    type: 'module',
    engines: { node: SUPPORTED_NODE_RANGE },
    scripts: {
      synth: 'cdk8s synth --no-check-upgrade',
      typecheck: 'tsc --noEmit',
      'check-manifests': 'sh scripts/check-manifests.sh',
    },
    dependencies: {
      cdk8s: SCAFFOLD_VERSIONS.cdk8s,
      constructs: SCAFFOLD_VERSIONS.constructs,
      signet: options.signetSpec,
    },
    devDependencies: {
      '@types/node': SCAFFOLD_VERSIONS['@types/node'],
      'cdk8s-cli': SCAFFOLD_VERSIONS['cdk8s-cli'],
      tsx: SCAFFOLD_VERSIONS.tsx,
      typescript: SCAFFOLD_VERSIONS.typescript,
    },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** `cdk8s.yaml`: run main.ts through tsx (no compile step), write to dist/. */
export const CDK8S_YAML = `language: typescript
app: node --import tsx main.ts
output: ${MANIFESTS_DIR}
`;

/** `tsconfig.json`: strict, ESM, type-check only (tsx runs the code). */
export const TSCONFIG_JSON = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ['main.ts'],
  },
  null,
  2,
)}\n`;

/** `.gitignore`: the manifests in dist/ are committed on purpose; that is the GitOps part. */
export const GITIGNORE = `node_modules/
*.log
`;

/**
 * An `import { … } from '…';` line, joined at run time: this module is also in the CLI bundle (CommonJS), where a
 * literal import line would make format heuristics such as publint's take the bundle for an ES module.
 */
function importLine(names: readonly string[], from: string): string {
  return ['import', `{ ${names.join(', ')} }`, 'from', `'${from}';`].join(' ');
}

/** `main.ts`: one signed build pipeline, with the lines a platform team changes marked. */
export const MAIN_TS = `// The CI of one application: clone, build and push with buildah, sign the pushed digest with cosign, verify.
// \`npx cdk8s synth\` writes the manifests to ${MANIFESTS_DIR}/; commit them and let Argo CD or Flux apply them.
${importLine(['App', 'Chart'], 'cdk8s')}
${importLine(['BuildAndSignPipeline', 'RegistryCredentialsSecret', 'SigningKeySecret', 'synth'], 'signet')}

const app = new App();

// CHANGE: the signer image. Leave this out to run the image pinned in signet's lock, or publish your own with
//   npx signet image build --push registry.example.com/platform/signet
// and paste the reference it prints (repository@sha256:...) here; every signer Task in the app then runs it:
// useSignerImage(app, 'registry.example.com/platform/signet@sha256:<digest>');   (import useSignerImage from 'signet')

// CHANGE: the namespace your Tekton pipelines run in.
const ci = new Chart(app, 'ci', { namespace: 'ci' });

// CHANGE: the names of two Secrets you create in that namespace (the manifests only reference them):
// the cosign key pair (\`npx signet generate-key-pair\`, see README.md) and your registry push credentials.
const signingKey = SigningKeySecret.fromSecretName(ci, 'signing-key', 'cosign-signing-secret');
const registryCredentials = RegistryCredentialsSecret.fromSecretName(ci, 'push', 'registry-push');

// CHANGE: the repository to build and the image to push (the Pipeline's defaults; runs may override them).
new BuildAndSignPipeline(ci, 'build-and-sign', {
  signingKey,
  registryCredentials,
  repositoryUrl: 'https://github.com/example/app.git',
  image: 'registry.example.com/team/app:latest',
});

// signet's synth instead of app.synth(): every mistake listed at once with its fix, warnings printed, nothing
// written on error, and the last good manifests kept when a synth fails.
synth(app);
`;

/** `README.md`: the two commands, then what to do with the result. */
export function readme(options: TemplateOptions): string {
  return `# ${options.name}

Tekton pipelines for signed container builds, written with [signet](https://github.com/signet-dev/signet)
and [cdk8s](https://cdk8s.io). \`main.ts\` is the source; \`${MANIFESTS_DIR}/\` holds the manifests it produces,
committed so that a GitOps controller can apply them.

\`\`\`sh
npm install
npx cdk8s synth
\`\`\`

Then commit \`${MANIFESTS_DIR}/\`. Edit the lines marked \`CHANGE\` in \`main.ts\` first. Needs Node ${SUPPORTED_NODE_RANGE}.

Before the first run, create the Secrets \`main.ts\` references, in the pipeline's namespace:

\`\`\`sh
npx signet generate-key-pair     # asks for a password; writes cosign.key and cosign.pub
printf '%s' "$PASSWORD" > cosign.password
kubectl -n ci create secret generic cosign-signing-secret \\
  --from-file=cosign.key --from-file=cosign.pub --from-file=cosign.password
rm cosign.password
kubectl -n ci create secret docker-registry registry-push \\
  --docker-server=registry.example.com --docker-username=robot --docker-password="$TOKEN"
\`\`\`

Keep \`cosign.key\` out of git. In CI, \`npm ci && npm run check-manifests\` fails when the committed
manifests differ from a fresh synth of \`main.ts\` (someone edited \`${MANIFESTS_DIR}/\` by hand, or forgot to synth).
`;
}

/**
 * \`scripts/check-manifests.sh\`: synthesizes into a temporary folder and compares it with the committed one, so the
 * working tree is never touched and git is not needed.
 */
export const CHECK_MANIFESTS_SH = `#!/bin/sh
# Fails when the committed manifests in ${MANIFESTS_DIR}/ differ from a fresh synth of main.ts.
# Run it in CI after \`npm ci\`; it writes only to a temporary folder.
set -eu
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
if ! npx cdk8s synth --no-check-upgrade --output "$fresh" >"$fresh.log" 2>&1; then
  cat "$fresh.log" >&2
  rm -f "$fresh.log"
  echo "check-manifests: synth of main.ts failed (see above); fix main.ts, run npx cdk8s synth and commit ${MANIFESTS_DIR}/" >&2
  exit 1
fi
rm -f "$fresh.log"
if ! diff -r "${MANIFESTS_DIR}" "$fresh" >&2; then
  echo "check-manifests: ${MANIFESTS_DIR}/ differs from a fresh synth of main.ts (diff above); run npx cdk8s synth and commit ${MANIFESTS_DIR}/" >&2
  exit 1
fi
echo "check-manifests: ${MANIFESTS_DIR}/ matches main.ts"
`;
