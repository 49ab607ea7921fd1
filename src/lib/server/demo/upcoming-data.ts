import type { DocumentBlock, OfficialDocument } from './official-pdf';

/**
 * The briefing book of the demo's upcoming meeting, so the README tour ("open a document", "present a page")
 * works on the first try: papers generated like the archived meeting's (official-pdf.ts), filed under the
 * agenda items (by their titles in data.ts). One is confidential, to show the watermark and the refused download.
 */
export interface UpcomingPaper {
	/** Title of the agenda item (or sub-item) the paper goes under. */
	item: string;
	document: OfficialDocument;
	confidential: boolean;
}

const SIGNATURE: DocumentBlock = { kind: 'signature', lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] };

export const UPCOMING_PAPERS: UpcomingPaper[] = [
	{
		item: 'Trình bày báo cáo',
		confidential: false,
		document: {
			filename: 'Báo cáo KT-XH năm 2026.pdf',
			title: 'Báo cáo tình hình kinh tế – xã hội năm 2026 và kế hoạch phát triển năm 2027',
			issuer: ['ỦY BAN NHÂN DÂN TỈNH', 'SỞ TÀI CHÍNH'],
			number: 'Số: 538/BC-STC',
			dateLine: 'ngày 01 tháng 12 năm 2026',
			draft: false,
			blocks: [
				{ kind: 'title', text: 'BÁO CÁO' },
				{ kind: 'subtitle', text: 'Tình hình kinh tế – xã hội năm 2026' },
				{ kind: 'subtitle', text: 'và kế hoạch phát triển kinh tế – xã hội năm 2027' },
				{ kind: 'heading', text: 'I. TÌNH HÌNH KINH TẾ – XÃ HỘI NĂM 2026' },
				{
					kind: 'paragraph',
					text: 'Năm 2026, tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng 7,9% so với năm 2025, vượt mục tiêu Nghị quyết đề ra (7,5%). Cơ cấu kinh tế tiếp tục chuyển dịch đúng hướng: công nghiệp – xây dựng chiếm 44,2%, dịch vụ 41,5%, nông, lâm nghiệp và thủy sản 14,3%.'
				},
				{
					kind: 'paragraph',
					text: 'Tổng thu ngân sách nhà nước trên địa bàn ước đạt 17.120 tỷ đồng, bằng 103,8% dự toán. Giải ngân vốn đầu tư công đến ngày 30 tháng 11 đạt 78,4% kế hoạch; dự kiến cả năm đạt trên 95%.'
				},
				{
					kind: 'paragraph',
					text: 'Cải cách hành chính có chuyển biến rõ: tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt 61,3%, tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,8%; chỉ số hài lòng của người dân tăng 4 bậc so với năm trước.'
				},
				{ kind: 'heading', text: 'II. KẾ HOẠCH PHÁT TRIỂN KINH TẾ – XÃ HỘI NĂM 2027' },
				{
					kind: 'paragraph',
					text: 'Mục tiêu tổng quát: giữ vững tốc độ tăng trưởng, nâng cao chất lượng tăng trưởng gắn với chuyển đổi số; phấn đấu GRDP tăng 8,0%; thu ngân sách trên địa bàn đạt 17.800 tỷ đồng; tỷ lệ hộ nghèo giảm còn dưới 1,5%.'
				},
				{
					kind: 'paragraph',
					text: 'Nhiệm vụ trọng tâm: đẩy nhanh giải ngân vốn đầu tư công ngay từ đầu năm; hoàn thành các công trình giao thông trọng điểm; tiếp tục đơn giản hóa thủ tục hành chính, phát triển dịch vụ công trực tuyến toàn trình.'
				},
				SIGNATURE
			]
		}
	},
	{
		item: 'Tờ trình và dự thảo Nghị quyết',
		confidential: false,
		document: {
			filename: 'Tờ trình dự thảo Nghị quyết CCHC 2026-2030.pdf',
			title: 'Tờ trình về dự thảo Nghị quyết cải cách hành chính công giai đoạn 2026–2030',
			issuer: ['ỦY BAN NHÂN DÂN TỈNH', 'SỞ NỘI VỤ'],
			number: 'Số: 274/TTr-SNV',
			dateLine: 'ngày 28 tháng 11 năm 2026',
			draft: false,
			blocks: [
				{ kind: 'title', text: 'TỜ TRÌNH' },
				{ kind: 'subtitle', text: 'Về dự thảo Nghị quyết cải cách hành chính công giai đoạn 2026–2030' },
				{
					kind: 'paragraph',
					text: 'Thực hiện Chương trình công tác năm 2026, Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, thông qua dự thảo Nghị quyết về cải cách hành chính công giai đoạn 2026–2030 với các nội dung chính sau.'
				},
				{ kind: 'heading', text: 'I. SỰ CẦN THIẾT' },
				{
					kind: 'paragraph',
					text: 'Giai đoạn 2021–2025, công tác cải cách hành chính của tỉnh đạt nhiều kết quả, song còn hạn chế về thủ tục trong lĩnh vực đất đai, xây dựng và đầu tư; tỷ lệ hồ sơ trực tuyến toàn trình chưa cao. Cần một nghị quyết chuyên đề để thống nhất mục tiêu và giải pháp cho cả giai đoạn.'
				},
				{ kind: 'heading', text: 'II. NỘI DUNG CHÍNH CỦA DỰ THẢO' },
				{
					kind: 'paragraph',
					text: 'Dự thảo gồm 3 phần: mục tiêu đến năm 2030 (100% thủ tục đủ điều kiện được cung cấp trực tuyến toàn trình; thời gian giải quyết giảm ít nhất 30%); sáu nhóm nhiệm vụ, giải pháp; tổ chức thực hiện và kinh phí.'
				},
				{ kind: 'paragraph', text: 'Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, quyết định.' },
				{ kind: 'signature', lines: ['GIÁM ĐỐC'] }
			]
		}
	},
	{
		item: 'Tờ trình và dự thảo Nghị quyết',
		confidential: false,
		document: {
			filename: 'Dự thảo Nghị quyết CCHC 2026-2030.pdf',
			title: 'Dự thảo Nghị quyết về cải cách hành chính công giai đoạn 2026–2030',
			issuer: ['ỦY BAN NHÂN DÂN TỈNH'],
			number: 'Số:      /NQ-UBND',
			dateLine: 'ngày      tháng 12 năm 2026',
			draft: true,
			blocks: [
				{ kind: 'title', text: 'NGHỊ QUYẾT' },
				{ kind: 'subtitle', text: 'Về cải cách hành chính công giai đoạn 2026–2030' },
				{ kind: 'title', text: 'ỦY BAN NHÂN DÂN TỈNH' },
				{ kind: 'basis', text: 'Căn cứ Luật Tổ chức chính quyền địa phương;' },
				{ kind: 'basis', text: 'Xét Tờ trình số 274/TTr-SNV của Sở Nội vụ,' },
				{ kind: 'title', text: 'QUYẾT NGHỊ:' },
				{
					kind: 'paragraph',
					text: 'Điều 1. Thông qua mục tiêu cải cách hành chính công giai đoạn 2026–2030: 100% thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình; mức độ hài lòng của người dân và doanh nghiệp đạt trên 95%.'
				},
				{
					kind: 'paragraph',
					text: 'Điều 2. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân cấp huyện tổ chức thực hiện; hằng năm báo cáo kết quả tại phiên họp thường kỳ tháng 12.'
				},
				{ kind: 'paragraph', text: 'Điều 3. Nghị quyết này có hiệu lực kể từ ngày ký.' },
				SIGNATURE
			]
		}
	},
	{
		item: 'Phương án phân bổ vốn đầu tư công năm 2027',
		confidential: true,
		document: {
			filename: 'Phương án phân bổ vốn ĐTC 2027.pdf',
			title: 'Phương án phân bổ kế hoạch vốn đầu tư công năm 2027',
			issuer: ['ỦY BAN NHÂN DÂN TỈNH', 'SỞ TÀI CHÍNH'],
			number: 'Số: 541/PA-STC',
			dateLine: 'ngày 02 tháng 12 năm 2026',
			draft: true,
			blocks: [
				{ kind: 'title', text: 'PHƯƠNG ÁN' },
				{ kind: 'subtitle', text: 'Phân bổ kế hoạch vốn đầu tư công năm 2027' },
				{
					kind: 'paragraph',
					text: 'Tổng kế hoạch vốn đầu tư công năm 2027 dự kiến 6.480 tỷ đồng, trong đó vốn ngân sách địa phương 4.120 tỷ đồng, vốn ngân sách trung ương hỗ trợ có mục tiêu 2.360 tỷ đồng.'
				},
				{
					kind: 'paragraph',
					text: 'Nguyên tắc phân bổ: ưu tiên thanh toán nợ đọng xây dựng cơ bản, các dự án chuyển tiếp hoàn thành trong năm 2027, vốn đối ứng các dự án ODA; sau đó mới bố trí cho dự án khởi công mới đã đủ thủ tục.'
				},
				{
					kind: 'paragraph',
					text: 'Danh mục dự án và mức vốn dự kiến của từng dự án được giữ kín cho đến khi Ủy ban nhân dân tỉnh thông qua, để tránh ảnh hưởng đến công tác lựa chọn nhà thầu.'
				},
				SIGNATURE
			]
		}
	}
];

/** The demo's user group: the People's Committee members, invited as delegates with a vote. */
export const DEMO_GROUP = {
	name: 'Thành viên UBND tỉnh',
	description: 'Chủ tịch, các Phó Chủ tịch và Ủy viên Ủy ban nhân dân tỉnh',
	defaultRole: 'delegate' as const,
	defaultCanVote: true,
	members: ['chair', 'delegate1', 'delegate2', 'delegate3', 'delegate4', 'delegate5']
};
