/**
 * signet's checks as a cdk8s validation plugin (the `validations:` entry of `cdk8s.yaml`), so any cdk8s app,
 * even one without signet's constructs, gets them after `cdk8s synth`. cdk8s-cli loads plugins with
 * `require`, so its entry is the CommonJS file beside this one (cdk8s-validation-plugin.cjs), which imports
 * this module.
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/signet/src/lint/cdk8s-validation-plugin.cjs
 *     version: 0.1.0
 *     class: TektonValidation
 *     properties: { enableApiFields: beta, strict: false }
 * ```
 */
import { readFile } from 'node:fs/promises';

import { apiFieldsLevel } from './feature-flags.js';
import { lintExitCode, type LintFinding, lintSources } from './lint.js';
import { summary } from './format.js';

/** The plugin's `properties` in cdk8s.yaml. */
export interface TektonValidationProperties {
  /** `feature-flags` ConfigMap data to judge under. @default - Tekton v1.15's defaults */
  readonly featureFlags?: Readonly<Record<string, string>>;
  /** Shorthand for `enable-api-fields`: alpha, beta or stable. @default - beta, as Tekton */
  readonly enableApiFields?: string;
  /** Warnings fail the validation too. @default false */
  readonly strict?: boolean;
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses (structural, so cdk8s-cli is not a runtime dependency). */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: { ruleName: string; recommendation: string; fix: string; violatingResources: Array<{ resourceName: string; locations: string[]; manifestPath: string }> }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** Validates the synthesized manifests and fills the report: one violation per rule, listing where it was found. */
export async function validateManifests(context: Cdk8sValidationContext, properties: TektonValidationProperties = {}): Promise<void> {
  const sources = await Promise.all(context.manifests.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  const featureFlags = { ...properties.featureFlags, ...(properties.enableApiFields !== undefined ? { 'enable-api-fields': apiFieldsLevel(properties.enableApiFields) } : {}) };
  const result = lintSources(sources, Object.keys(featureFlags).length > 0 ? { featureFlags } : {});
  const strict = properties.strict === true;
  const byRule = new Map<string, LintFinding[]>();
  for (const f of result.findings) {
    if (f.issue.suppressed) {
      context.logger.log(`suppressed: ${f.object} [${f.issue.ruleId}] ${f.issue.path}: ${f.issue.message} (${f.issue.suppressed.reason})`);
      continue;
    }
    const key = `${f.issue.ruleId}${f.issue.severity === 'warning' ? ' (warning)' : ''}`;
    byRule.set(key, [...(byRule.get(key) ?? []), f]);
  }
  for (const [ruleName, findings] of byRule) {
    const first = findings[0] as LintFinding;
    context.report.addViolation({
      ruleName,
      recommendation: first.issue.message,
      fix: first.issue.fix,
            // cdk8s maps a resource's metadata.name to its construct path (construct-metadata.json).
      violatingResources: findings.map((f) => ({
        resourceName: f.object.slice(f.object.indexOf('/') + 1),
        locations: [`${f.object} ${f.issue.path} (line ${f.line}, column ${f.column}): ${f.issue.message}`],
        manifestPath: f.file,
      })),
    });
  }
  context.logger.log(summary(result));
  context.report.submit(lintExitCode(result, strict) === 0 ? 'success' : 'failure', { errors: String(result.errors), warnings: String(result.warnings), suppressed: String(result.suppressed) });
}
