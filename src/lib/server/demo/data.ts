import type { GlobalRole, ParticipantRole } from '../db/schema';

/** The demo people of docs/overview.md ("Demo data"); tests and docs rely on these usernames. */
export interface DemoUser {
	username: string;
	displayName: string;
	role: GlobalRole;
	meetingRole: ParticipantRole | null;
	note: string;
}

export const DEMO_USERS: DemoUser[] = [
	{ username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', meetingRole: null, note: 'administrator: accounts, everything the secretariat does' },
	{ username: 'secretary', displayName: 'Nguyễn Thị Thu Hà', role: 'secretary', meetingRole: null, note: 'secretariat: prepares meetings' },
	{ username: 'chair', displayName: 'Trần Văn Minh', role: 'member', meetingRole: 'chair', note: 'chairs the demo meeting' },
	{ username: 'delegate1', displayName: 'Lê Thị Hồng', role: 'member', meetingRole: 'delegate', note: 'delegate' },
	{ username: 'delegate2', displayName: 'Phạm Quốc Bảo', role: 'member', meetingRole: 'delegate', note: 'delegate' },
	{ username: 'delegate3', displayName: 'Hoàng Văn Dũng', role: 'member', meetingRole: 'delegate', note: 'delegate' },
	{ username: 'delegate4', displayName: 'Vũ Thị Mai', role: 'member', meetingRole: 'delegate', note: 'delegate' },
	{ username: 'delegate5', displayName: 'Đặng Minh Tuấn', role: 'member', meetingRole: 'delegate', note: 'delegate' },
	{ username: 'observer', displayName: 'Bùi Thị Lan', role: 'member', meetingRole: 'observer', note: 'observer of the demo meeting (reads, never votes)' },
	{ username: 'outsider', displayName: 'Ngô Văn Phúc', role: 'member', meetingRole: null, note: 'member invited to nothing' }
];

export const DEMO_MEETING = {
	title: 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân tỉnh',
	body: 'Ủy ban nhân dân tỉnh',
	// A People's Committee decides by the Law on Local Government: ⅔ of members present, more than half of all
	// members in favour, the Chairman's vote deciding a tie (docs/voting-law.md).
	bodyType: 'people_committee',
	location: 'Phòng họp số 1, Trụ sở Ủy ban nhân dân tỉnh',
	description:
		'Phiên họp thường kỳ xem xét tình hình kinh tế – xã hội năm 2026, kế hoạch năm 2027 và dự thảo Nghị quyết về cải cách hành chính công giai đoạn 2026–2030.',
	agenda: [
		{ title: 'Khai mạc phiên họp; thông qua chương trình', presenter: 'Chủ tọa', durationMinutes: 10, children: [] },
		{
			title: 'Báo cáo tình hình kinh tế – xã hội năm 2026 và kế hoạch phát triển năm 2027',
			presenter: 'Sở Tài chính',
			durationMinutes: 45,
			children: [
				{ title: 'Trình bày báo cáo', presenter: 'Giám đốc Sở Tài chính', durationMinutes: 20 },
				{ title: 'Thảo luận và cho ý kiến', presenter: 'Các thành viên', durationMinutes: 25 }
			]
		},
		{
			title: 'Dự thảo Nghị quyết về cải cách hành chính công giai đoạn 2026–2030',
			presenter: 'Sở Nội vụ',
			durationMinutes: 40,
			children: [
				{ title: 'Tờ trình và dự thảo Nghị quyết', presenter: 'Giám đốc Sở Nội vụ', durationMinutes: 15 },
				{ title: 'Biểu quyết thông qua', presenter: 'Chủ tọa', durationMinutes: 10 }
			]
		},
		{ title: 'Phương án phân bổ vốn đầu tư công năm 2027', presenter: 'Sở Tài chính', durationMinutes: 30, children: [] },
		{ title: 'Bế mạc phiên họp', presenter: 'Chủ tọa', durationMinutes: 5, children: [] }
	]
} as const;

export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
	return env.DEMO_PASSWORD || 'quorum-demo';
}
