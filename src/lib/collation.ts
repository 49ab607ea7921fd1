/**
 * The one order for names and titles, on the server and in the browser: Vietnamese collation (a ă â b c d đ e ê …
 * o ô ơ … u ư …, tones only when the letters are equal), whatever the interface language, since the names are
 * Vietnamese either way. SQLite's ORDER BY compares bytes (Đặng after every Latin letter, Nguyễn before Ngô) and
 * better-sqlite3 cannot register a collation, so lists are read from the database unordered by name and sorted here.
 */
const vietnamese = new Intl.Collator('vi');

/** Compares two strings in Vietnamese alphabetical order (a negative number when `a` comes first). */
export function compareVi(a: string, b: string): number {
	return vietnamese.compare(a, b);
}

/**
 * A comparator for `Array.prototype.sort` over items, by the given keys in turn: the first that differs decides.
 * Give a unique key (an id) last so equal names still come out in the same order every time.
 */
export function byVi<T>(...keys: Array<(item: T) => string>): (a: T, b: T) => number {
	return (a, b) => {
		for (const key of keys) {
			const order = vietnamese.compare(key(a), key(b));
			if (order !== 0) return order;
		}
		return 0;
	};
}

/** Sorts a copy of `items` by display name in Vietnamese order (then by `id` when given, for a stable order). */
export function sortByName<T extends { displayName: string }>(items: readonly T[], id?: (item: T) => string): T[] {
	return id ? [...items].sort(byVi((i) => i.displayName, id)) : [...items].sort(byVi((i) => i.displayName));
}
