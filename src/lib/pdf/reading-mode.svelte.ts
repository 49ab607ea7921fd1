/**
 * Reading mode: the page alone on the screen, everything else hidden, in the browser's full screen where it
 * grants it. One instance for the app (one document is read at a time), so that whatever else renders on the
 * document page (the presenter's "follow?" prompt, for instance) can ask `readingMode.active` and show itself
 * over the page; the document page also marks its root with `data-reading-mode="true"`.
 *
 * Full screen is asked for inside the tap that turns reading mode on (browsers grant it only during a user
 * gesture). Where it is refused or missing (iPhone Safari, a headless browser, a permissions policy) reading
 * mode still hides the app's bars; it only lacks the browser's own.
 */

type FullscreenElement = HTMLElement & { webkitRequestFullscreen?: () => Promise<void> | void };
type FullscreenDocument = Document & { webkitFullscreenElement?: Element | null; webkitExitFullscreen?: () => Promise<void> | void };

function fullscreenElement(): Element | null {
	const doc = document as FullscreenDocument;
	return doc.fullscreenElement ?? doc.webkitFullscreenElement ?? null;
}

export class ReadingMode {
	active = $state(false);
	/** Whether the browser's full screen holds the reading root (false where it was refused). */
	fullscreen = $state(false);

	#root: HTMLElement | null = null;
	#stop: AbortController | null = null;

	/** Call from the tap or key handler itself: full screen needs the user's gesture. */
	enter(root: HTMLElement): void {
		if (this.active) return;
		this.active = true;
		this.#root = root;
		const stop = (this.#stop = new AbortController());
		const changed = () => {
			const inside = fullscreenElement() === root;
			// Leaving the browser's full screen (Esc, the system's back gesture) leaves reading mode with it.
			if (this.fullscreen && !inside) this.exit();
			else this.fullscreen = inside;
		};
		document.addEventListener('fullscreenchange', changed, { signal: stop.signal });
		document.addEventListener('webkitfullscreenchange', changed, { signal: stop.signal });
		void this.#requestFullscreen(root as FullscreenElement);
	}

	async #requestFullscreen(root: FullscreenElement): Promise<void> {
		try {
			if (root.requestFullscreen && document.fullscreenEnabled) await root.requestFullscreen({ navigationUI: 'hide' });
			else if (root.webkitRequestFullscreen) await root.webkitRequestFullscreen();
		} catch {
			// Refused (no gesture, a policy, a headless browser): reading mode goes on without it.
		}
		if (this.#root === root) this.fullscreen = fullscreenElement() === root;
	}

	exit(): void {
		if (!this.active) return;
		this.active = false;
		this.fullscreen = false;
		this.#stop?.abort();
		this.#stop = null;
		const root = this.#root;
		this.#root = null;
		if (root && fullscreenElement() === root) {
			const doc = document as FullscreenDocument;
			const leave = doc.exitFullscreen?.bind(doc) ?? doc.webkitExitFullscreen?.bind(doc);
			void Promise.resolve(leave?.()).catch(() => {});
		}
	}
}

export const readingMode = new ReadingMode();
