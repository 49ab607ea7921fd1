import { formatDateTime } from '$lib/i18n/format';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/**
 * pdf.js's viewer labels a few elements it creates (each page is a region named "Page N"; PDF comment icons and
 * dates) through Fluent ids in `data-l10n-id`. Its own localisation fetches Fluent files we do not ship and
 * falls back to English, so the app gives it this small object instead, answering the ids the read-only viewer
 * uses from Quorum's messages in the reader's language. Unknown ids are left as pdf.js wrote them.
 */
type Args = Record<string, unknown> | null;

function message(id: string, args: Args): { attribute?: string; value: string } | null {
	switch (id) {
		case 'pdfjs-page-landmark':
			return { attribute: 'aria-label', value: m.doc_page_landmark({ page: String(args?.page ?? '') }) };
		case 'pdfjs-text-annotation-type':
			return { attribute: 'alt', value: `[${String(args?.type ?? '')}]` };
		case 'pdfjs-annotation-date-time-string': {
			const date = args?.dateObj;
			return typeof date === 'number' || date instanceof Date ? { value: formatDateTime(date) } : null;
		}
		default:
			return null;
	}
}

function apply(element: Element): void {
	const id = element.getAttribute('data-l10n-id');
	if (!id) return;
	let args: Args = null;
	try {
		args = JSON.parse(element.getAttribute('data-l10n-args') ?? 'null') as Args;
	} catch {
		args = null;
	}
	const text = message(id, args);
	if (!text) return;
	if (text.attribute) element.setAttribute(text.attribute, text.value);
	else element.textContent = text.value;
}

/** Implements the interface pdf.js expects of its `l10n` option (web/l10n.js). */
export class ViewerL10n {
	#observer: MutationObserver | null = null;
	#roots = new Set<Element>();

	getLanguage(): string {
		return getLocale() === 'vi' ? 'vi-VN' : 'en-GB';
	}

	getDirection(): 'ltr' {
		return 'ltr';
	}

	async get(ids: string | string[], args: Args = null, fallback?: string): Promise<string | string[] | undefined> {
		if (Array.isArray(ids)) return ids.map((id) => message(id, null)?.value ?? '');
		return message(ids, args)?.value ?? fallback;
	}

	/** Labels everything under `root` now and whatever pdf.js adds or relabels there later. */
	async translate(root: Element): Promise<void> {
		this.#roots.add(root);
		for (const element of root.querySelectorAll('[data-l10n-id]')) apply(element);
		this.#observer ??= new MutationObserver((records) => {
			for (const record of records) {
				if (record.type === 'attributes') {
					apply(record.target as Element);
					continue;
				}
				for (const node of record.addedNodes) {
					if (!(node instanceof Element)) continue;
					if (node.hasAttribute('data-l10n-id')) apply(node);
					for (const element of node.querySelectorAll('[data-l10n-id]')) apply(element);
				}
			}
		});
		this.#observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-l10n-id', 'data-l10n-args'] });
	}

	async translateOnce(element: Element): Promise<void> {
		apply(element);
		for (const child of element.querySelectorAll('[data-l10n-id]')) apply(child);
	}

	async destroy(): Promise<void> {
		this.#observer?.disconnect();
		this.#observer = null;
		this.#roots.clear();
	}

	pause(): void {}

	resume(): void {}
}
