/**
 * Entry point of `cdk8s synth` (see cdk8s.yaml): builds the app, validates it, and writes the manifests only
 * when every object is valid. Errors are printed one per line, without a stack trace; the exit code is 1.
 */
import { buildApp, synthApp } from './app/index.js';

process.exitCode = synthApp(() => buildApp());
