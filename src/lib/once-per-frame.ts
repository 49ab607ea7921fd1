/**
 * `work` run at the next animation frame, once however often it was requested before then: a burst of events
 * (remote updates, keystrokes, pointer moves) costs one pass a frame, and nothing is drawn from a state that the
 * next event of the same burst replaces anyway.
 */
export interface FrameTask {
	request(): void;
	/** Drops a pending run (the owner is going away). */
	cancel(): void;
}

export function oncePerFrame(work: () => void): FrameTask {
	let frame = 0;
	return {
		request() {
			if (frame) return;
			frame = requestAnimationFrame(() => {
				frame = 0;
				work();
			});
		},
		cancel() {
			if (frame) cancelAnimationFrame(frame);
			frame = 0;
		}
	};
}
