import { name, version } from '../../package.json';

/** This extension's name and version, from package.json at build time (esbuild inlines just these two fields). */
export const product: { readonly name: string; readonly version: string } = { name, version };
