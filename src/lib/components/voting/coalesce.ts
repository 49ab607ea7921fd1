/**
 * Runs `task` at most once at a time, after a random delay of up to `jitterMs`; calls made meanwhile fold into one
 * more run. Every tablet in the room sees the same live change at the same instant: without the spread, one
 * check-in would turn into a burst of identical requests from all of them within the same millisecond.
 */
export function coalesce(task: () => Promise<void>, jitterMs: () => number): () => void {
	let running = false;
	let again = false;
	let timer: ReturnType<typeof setTimeout> | null = null;

	const run = async (): Promise<void> => {
		timer = null;
		running = true;
		try {
			await task();
		} finally {
			running = false;
			if (again) {
				again = false;
				schedule();
			}
		}
	};
	const schedule = (): void => {
		if (running) again = true;
		else if (!timer) timer = setTimeout(() => void run(), Math.random() * jitterMs());
	};
	return schedule;
}
