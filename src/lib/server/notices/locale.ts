import { getLocale } from '$lib/paraglide/runtime';
import type { NoticeLocale } from './wording';

/** The language of the current request (cookie, then Accept-Language), as notices are worded for it. */
export function requestNoticeLocale(): NoticeLocale {
	return getLocale() === 'en' ? 'en' : 'vi';
}
