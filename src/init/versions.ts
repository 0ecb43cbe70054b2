/**
 * The versions a project made by `signet init` pins: the ones this package is built and tested with
 * (test/init/scaffold.test.ts keeps them equal to signet's own package.json).
 */
export const SCAFFOLD_VERSIONS = {
  cdk8s: '2.70.106',
  constructs: '10.8.1',
  'cdk8s-cli': '2.207.60',
  tsx: '4.23.15',
  typescript: '5.9.3',
  '@types/node': '20.19.43',
} as const;

/** The Node versions signet supports (`engines.node` of the package and of scaffolded projects). */
export const SUPPORTED_NODE_RANGE = '>=20.19.0';
