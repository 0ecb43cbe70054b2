/** The signet version printed by `--version`; a test keeps it equal to package.json. */
export const SIGNET_VERSION = '0.1.0';
