// The cdk8s validation plugin's entry: cdk8s-cli loads plugins with require(), so this is CommonJS.
// In the installed package it sits in lib/lint/ beside the compiled cdk8s-plugin.js (ESM, loaded with
// import()); in a signet checkout it sits in src/lint/ and loads cdk8s-plugin.ts through tsx.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

async function loadPlugin() {
  const compiled = join(__dirname, 'cdk8s-plugin.js');
  if (existsSync(compiled)) return import(pathToFileURL(compiled).href);
  // tsx's ESM API: its CommonJS build cannot register the loader from a require()d file.
  const { tsImport } = await import('tsx/esm/api');
  return tsImport('./cdk8s-plugin.ts', __filename);
}

/** `class: TektonValidation` in a cdk8s.yaml `validations:` entry; `properties` as in cdk8s-plugin.ts. */
class TektonValidation {
  constructor(properties) {
    this.properties = properties || {};
  }

  async validate(context) {
    const plugin = await loadPlugin();
    await plugin.validateManifests(context, this.properties);
  }
}

module.exports = { TektonValidation };
