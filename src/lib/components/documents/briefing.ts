/** What the document page mounts of the briefing book: one import for the page its reader owns. */
export { default as DocumentBadges } from './DocumentBadges.svelte';
export { default as Watermark } from './Watermark.svelte';
