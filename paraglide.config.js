/**
 * Paraglide options, shared by the Vite plugin and `scripts/compile-messages.mjs` (which type checks and unit
 * tests run before any Vite build), so both produce the same runtime.
 * @type {import('@inlang/paraglide-js').CompilerOptions}
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// Vietnamese is the base locale; a remembered switch (cookie) beats Accept-Language.
	strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
	cookieName: 'quorum_locale'
};
