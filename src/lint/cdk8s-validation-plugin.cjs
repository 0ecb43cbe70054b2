// The cdk8s validation plugin's entry: cdk8s-cli loads plugins with require(), and signet ships TypeScript
// sources, so this CommonJS file imports cdk8s-plugin.ts through tsx (as bin/signet.mjs runs the CLI).
'use strict';

/** `class: TektonValidation` in a cdk8s.yaml `validations:` entry; `properties` as in cdk8s-plugin.ts. */
class TektonValidation {
  constructor(properties) {
    this.properties = properties || {};
  }

  async validate(context) {
    // tsx's ESM API: its CommonJS build cannot register the loader from a require()d file.
    const { tsImport } = await import('tsx/esm/api');
    const plugin = await tsImport('./cdk8s-plugin.ts', __filename);
    await plugin.validateManifests(context, this.properties);
  }
}

module.exports = { TektonValidation };
