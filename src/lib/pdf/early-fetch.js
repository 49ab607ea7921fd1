/**
 * The viewer page's inline script that asks for a PDF's first and last chunks while the HTML is still being
 * parsed (see `earlyFetchTag` in range-loader.ts, which writes the element, and `RangeLoader`, which takes the
 * answers over).
 *
 * Its text is the same on every page: the file's URL and the byte ranges travel in the element's `data-`
 * attributes, which the script reads through `document.currentScript`. So the Content-Security-Policy can allow
 * exactly this text by its hash, fixed at build time (src/lib/server/security-headers.js), instead of a nonce
 * that would have to reach the component. Plain JavaScript because svelte.config.js imports it through that
 * module, and Node loads the config without a TypeScript loader.
 *
 * Nothing an attacker could gain by planting a copy with other attributes: it can only start range requests to
 * URLs the policy's `connect-src` allows anyway, and their answers go to the loader of this page.
 */

/** Where the script leaves its requests for the loader: url → chunk index → the pending answer. */
export const EARLY_FETCH_GLOBAL = '__quorumPdfPrefetch';

export const EARLY_FETCH_SOURCE =
	`(function(s){try{var d=s.dataset,u=d.url,m=window.${EARLY_FETCH_GLOBAL}=window.${EARLY_FETCH_GLOBAL}||{},r=m[u]={};` +
	`JSON.parse(d.ranges).forEach(function(x){r[x[0]]=fetch(u,{headers:{range:'bytes='+x[1]+'-'+(x[2]-1)},credentials:'same-origin'})})}catch(e){}})(document.currentScript)`;
