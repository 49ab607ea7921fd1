import type { EventBus } from 'pdfjs-dist/web/pdf_viewer.mjs';

export type FindStatus = 'idle' | 'pending' | 'found' | 'not-found' | 'wrapped';

// pdf.js FindState values (web/pdf_find_controller.js).
const FIND_FOUND = 0;
const FIND_NOT_FOUND = 1;
const FIND_WRAPPED = 2;
const FIND_PENDING = 3;

interface MatchesCount {
	current: number;
	total: number;
}

/**
 * Find in document, through pdf.js's PDFFindController: it extracts the text of every page (fetching what it
 * needs), highlights the matches in the text layer and scrolls to the current one. This keeps what the find bar
 * shows. Searches ignore case and diacritics: officials type "hanh chinh" on tablets and mean "hành chính".
 */
export class DocumentSearch {
	query = $state('');
	status = $state<FindStatus>('idle');
	/** 1-based number of the selected match among `total` (counted page by page as the text comes in). */
	current = $state(0);
	total = $state(0);

	#eventBus: EventBus | null = null;
	/** The query last searched word by word (see findWords) rather than as a phrase. */
	#byWords: string | null = null;

	connect(eventBus: EventBus): void {
		this.#eventBus = eventBus;
		eventBus.on('updatefindmatchescount', ({ matchesCount }: { matchesCount: MatchesCount }) => this.#count(matchesCount));
		eventBus.on('updatefindcontrolstate', ({ state, matchesCount }: { state: number; matchesCount?: MatchesCount }) => {
			if (!this.query) return;
			if (state === FIND_FOUND) this.status = 'found';
			else if (state === FIND_NOT_FOUND) this.status = 'not-found';
			else if (state === FIND_WRAPPED) this.status = 'wrapped';
			else if (state === FIND_PENDING) this.status = 'pending';
			if (matchesCount) this.#count(matchesCount);
		});
	}

	disconnect(): void {
		this.#eventBus = null;
		this.#reset();
	}

	/** Searches as the person types (pdf.js waits a moment between keystrokes), or moves to the next/previous match. */
	find(query: string, { again = false, previous = false } = {}): void {
		if (!query.trim()) {
			this.close();
			return;
		}
		if (query !== this.query) this.#byWords = null;
		this.query = query;
		const words = query.trim().split(/\s+/u);
		this.#eventBus?.dispatch('find', {
			source: this,
			type: again ? 'again' : '',
			// pdf.js finds a string as a phrase, and each string of an array wherever it is.
			query: this.#byWords === query && words.length > 1 ? words : query,
			caseSensitive: false,
			entireWord: false,
			highlightAll: true,
			findPrevious: previous,
			matchDiacritics: false
		});
	}

	/**
	 * Finds each word of `query` wherever it is, instead of the phrase: the archive finds pages holding all the
	 * words, not always side by side, and the reader who opens such a hit must still see them highlighted. Next
	 * and previous then go on word by word until the query changes.
	 */
	findWords(query: string): void {
		this.query = query;
		this.#byWords = query;
		this.find(query);
	}

	/** Removes the highlights and forgets the query. */
	close(): void {
		this.#eventBus?.dispatch('findbarclose', { source: this });
		this.#reset();
	}

	#count({ current, total }: MatchesCount): void {
		this.current = current;
		this.total = total;
	}

	#reset(): void {
		this.#byWords = null;
		this.query = '';
		this.status = 'idle';
		this.current = 0;
		this.total = 0;
	}
}
