import { App } from 'cdk8s'; new App({outdir: process.env.CDK8S_OUTDIR}).synth();
