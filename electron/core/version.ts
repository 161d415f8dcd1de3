declare const LOUPE_VERSION: string | undefined;

/** Injected by the build; tests that run from source see the development marker. */
export const APP_VERSION: string = typeof LOUPE_VERSION === 'string' ? LOUPE_VERSION : '0.0.0-dev';
