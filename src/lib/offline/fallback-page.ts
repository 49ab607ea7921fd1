/**
 * The page the service worker answers with when a navigation fails and nothing is stored for it. Built as a
 * string (no Svelte, no chunks) so it works from any state of the caches, and lists the meetings the user did
 * save, since that is what they can still open.
 */
import { m } from '$lib/paraglide/messages';
import { meetingPath } from './names';
import type { OfflineManifest, OfflineSession } from './store';

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function offlineFallbackPage(locale: OfflineSession['locale'], meetings: OfflineManifest[]): Response {
	const t = { locale };
	const list = meetings.length
		? `<h2>${escapeHtml(m.off_fallback_meetings({}, t))}</h2><ul>${meetings
				.map((x) => `<li><a href="${escapeHtml(meetingPath(x.meetingId))}">${escapeHtml(x.title)}</a></li>`)
				.join('')}</ul>`
		: `<p>${escapeHtml(m.off_fallback_none({}, t))}</p>`;
	const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.off_fallback_title({}, t))} · Quorum</title>
<style>
body{margin:0;font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#1b1f24;background:#f5f6f8}
main{max-width:40rem;margin:0 auto;padding:32px 16px}
h1{font-size:1.5rem;color:#b42318}h2{font-size:1.15rem;margin-top:24px}
ul{padding:0;list-style:none}li{margin:8px 0}
a{display:flex;align-items:center;min-height:44px;padding:8px 16px;border:1px solid #d0d7de;border-radius:10px;background:#fff;color:#1d3557;font-weight:600;text-decoration:none}
a.retry{display:inline-flex;background:#1d3557;color:#fff;border-color:#1d3557}
:focus-visible{outline:3px solid #f4a261;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(m.off_fallback_title({}, t))}</h1>
<p>${escapeHtml(m.off_fallback_text({}, t))}</p>
<p><a class="retry" href="">${escapeHtml(m.off_fallback_retry({}, t))}</a></p>
${list}
</main>
</body>
</html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			// Made here, not by the server, so the server's headers never reach it: the same rules, for a page
			// that runs nothing and loads nothing (OWASP HTTP Headers Cheat Sheet; Clickjacking Defense Cheat Sheet).
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
			'x-frame-options': 'DENY',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'same-origin'
		}
	});
}

/** The JSON error shape of the API, for meeting data asked for offline that was never saved. */
export function offlineApiError(locale: OfflineSession['locale']): Response {
	const body = { error: { code: 'offline', message: m.off_api_offline({}, { locale }) } };
	return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
}
