import { m } from '$lib/paraglide/messages';

export type UploadStatus = 'waiting' | 'sending' | 'checking' | 'done' | 'failed';

let nextId = 1;

/** One file on its way to the server; its fields drive one progress bar. */
export class UploadEntry {
	readonly id = `upload-${nextId++}`;
	readonly file: File;
	/** The document version this file replaces, for "upload new version". */
	readonly replaces: { id: string; title: string } | null;
	/** What the secretariat chose beside the file: a title (empty: the PDF's own) and the confidential mark. */
	readonly choices: UploadChoices;
	status = $state<UploadStatus>('waiting');
	loaded = $state(0);
	/** The message to show when it failed: the server's own (in the reader's language) when it sent one. */
	error = $state<string | null>(null);

	constructor(file: File, replaces: { id: string; title: string } | null, choices: UploadChoices = {}) {
		this.file = file;
		this.replaces = replaces;
		this.choices = choices;
	}

	get percent(): number {
		return this.file.size > 0 ? Math.min(100, Math.round((this.loaded / this.file.size) * 100)) : 100;
	}
}

export interface UploadChoices {
	title?: string;
	confidential?: boolean;
}

interface ServerAnswer {
	status: number;
	body: unknown;
}

/** The fallback text for an error the server did not explain (or a proxy answered), by code then by status. */
function describeFailure(status: number, code: string | null, maxMb: number): string {
	switch (code ?? status) {
		case 'payload_too_large':
		case 413:
			return m.doc_error_too_large({ max: String(maxMb) });
		case 'unsupported_media_type':
		case 415:
			return m.doc_error_not_pdf();
		case 'pdf_encrypted':
			return m.doc_error_password();
		case 'pdf_damaged':
		case 422:
			return m.doc_error_damaged();
		default:
			return m.doc_error_generic({ status: String(status) });
	}
}

function serverError(body: unknown): { code: string | null; message: string | null } {
	if (typeof body !== 'object' || body === null || !('error' in body)) return { code: null, message: null };
	const error = (body as { error: unknown }).error;
	if (typeof error !== 'object' || error === null) return { code: null, message: null };
	const { code, message } = error as { code?: unknown; message?: unknown };
	return { code: typeof code === 'string' ? code : null, message: typeof message === 'string' && message ? message : null };
}

/**
 * The uploads of one agenda item: files go one after another (the server parses each PDF fully, and a meeting
 * room's Wi-Fi is better spent on one file at a time), each through XMLHttpRequest because fetch cannot report
 * upload progress. When the queue empties after at least one success, `onUploaded` refreshes the page's data.
 */
export class UploadQueue {
	entries = $state<UploadEntry[]>([]);
	#running = false;

	/**
	 * @param endpoint where to POST (read at each upload)
	 * @param maxBytes the server's upload limit (read at each upload)
	 * @param onUploaded refreshes the page's data once files went in
	 */
	constructor(
		private readonly endpoint: () => string,
		private readonly maxUploadBytes: () => number,
		private readonly onUploaded: () => Promise<unknown>
	) {}

	private get maxBytes(): number {
		return this.maxUploadBytes();
	}

	get busy(): boolean {
		return this.entries.some((e) => e.status === 'waiting' || e.status === 'sending' || e.status === 'checking');
	}

	/** A title only makes sense for one file: with several, each takes its own from the PDF. */
	add(files: Iterable<File>, replaces: { id: string; title: string } | null = null, choices: UploadChoices = {}): void {
		const list = [...files];
		const title = list.length === 1 && choices.title?.trim() ? choices.title.trim() : undefined;
		for (const file of list) {
			const entry = new UploadEntry(file, replaces, { ...(title ? { title } : {}), ...(choices.confidential ? { confidential: true } : {}) });
			// Refused here without sending megabytes the server would refuse anyway.
			if (file.size > this.maxBytes) this.#fail(entry, describeFailure(413, null, this.#maxMb));
			this.entries.push(entry);
		}
		void this.#run();
	}

	dismiss(entry: UploadEntry): void {
		this.entries = this.entries.filter((e) => e !== entry);
	}

	get #maxMb(): number {
		return Math.round(this.maxBytes / (1024 * 1024));
	}

	#fail(entry: UploadEntry, message: string): void {
		entry.status = 'failed';
		entry.error = message;
	}

	async #run(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		let uploaded = 0;
		try {
			for (;;) {
				const entry = this.entries.find((e) => e.status === 'waiting');
				if (!entry) break;
				if (await this.#send(entry)) uploaded++;
			}
			if (uploaded > 0) {
				await this.onUploaded();
				// The new documents are in the list now; their progress bars have done their job.
				this.entries = this.entries.filter((e) => e.status !== 'done');
			}
		} finally {
			this.#running = false;
		}
		// Files added while the list was refreshing.
		if (this.entries.some((e) => e.status === 'waiting')) void this.#run();
	}

	async #send(entry: UploadEntry): Promise<boolean> {
		entry.status = 'sending';
		try {
			const answer = await this.#post(entry);
			if (answer.status === 201) {
				entry.status = 'done';
				entry.loaded = entry.file.size;
				return true;
			}
			const { code, message } = serverError(answer.body);
			this.#fail(entry, message ?? describeFailure(answer.status, code, this.#maxMb));
		} catch {
			// A server that refuses an oversized body closes the connection mid-upload; say why when that is likely.
			this.#fail(entry, entry.file.size > this.maxBytes ? describeFailure(413, null, this.#maxMb) : m.doc_error_network());
		}
		return false;
	}

	#post(entry: UploadEntry): Promise<ServerAnswer> {
		return new Promise((resolve, reject) => {
			const xhr = new XMLHttpRequest();
			xhr.open('POST', this.endpoint());
			xhr.setRequestHeader('accept', 'application/json');
			xhr.upload.addEventListener('progress', (e) => {
				if (e.lengthComputable) entry.loaded = Math.min(entry.file.size, e.loaded);
			});
			// Every byte is sent; the server now checks the PDF (parses it, extracts its text) before answering.
			xhr.upload.addEventListener('load', () => {
				entry.loaded = entry.file.size;
				entry.status = 'checking';
			});
			xhr.addEventListener('load', () => {
				let body: unknown = null;
				try {
					body = JSON.parse(xhr.responseText);
				} catch {
					body = null;
				}
				resolve({ status: xhr.status, body });
			});
			xhr.addEventListener('error', () => reject(new Error('network')));
			xhr.addEventListener('abort', () => reject(new Error('aborted')));
			const form = new FormData();
			// Before the file, so a streaming parser on the server knows it before the bytes arrive.
			if (entry.replaces) form.append('replaces', entry.replaces.id);
			if (entry.choices.title) form.append('title', entry.choices.title);
			if (entry.choices.confidential) form.append('confidential', 'true');
			form.append('file', entry.file, entry.file.name);
			xhr.send(form);
		});
	}
}
