/** The order after moving the entry at `index` by `delta` places (−1 up, +1 down); unchanged when it cannot move. */
export function moved<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
	const target = index + delta;
	if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
	const next = [...list];
	[next[index], next[target]] = [next[target]!, next[index]!];
	return next;
}
