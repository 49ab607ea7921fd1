import { getDb } from '$lib/server/db/client';
import { groupMeetings, listMeetings } from '$lib/server/meetings/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { user, staff } = await parent();
	return { groups: groupMeetings(listMeetings(getDb(), user)), staff };
};
