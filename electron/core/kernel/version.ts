/** The program's version, set by the build (esbuild `define`); tests run as a dev build. */
export const APP_VERSION: string = process.env.RENKEI_VERSION ?? '0.0.0-dev';
