import type { AttendanceStatus } from '../db/schema';
import type { OfficialDocument } from './official-pdf';

/**
 * The demo's past meeting: held three weeks before the seed, same body and people as the upcoming one, taken
 * through its whole life (documents, attendance, speakers, a vote, minutes approved by the chair) so the archive,
 * its search and an approved minutes PDF have something to show. Matched by title, like the upcoming meeting.
 */

/** Who was there. Voters: the chair and five delegates; `outsider` is not invited, as in the upcoming meeting. */
export const ARCHIVED_ATTENDANCE: Record<string, AttendanceStatus> = {
	chair: 'present',
	delegate1: 'present',
	delegate2: 'present',
	delegate3: 'present',
	delegate4: 'excused',
	delegate5: 'absent',
	observer: 'present'
};

/** delegate5 was away on a work trip and gave their vote to delegate3. */
export const ARCHIVED_PROXY = { principal: 'delegate5', holder: 'delegate3' } as const;

export const REPORT_DOCUMENT: OfficialDocument = {
	filename: 'Báo cáo KT-XH tháng 10 năm 2026.pdf',
	title: 'Báo cáo tình hình kinh tế – xã hội tháng 10 và 10 tháng năm 2026',
	issuer: ['ỦY BAN NHÂN DÂN TỈNH', 'SỞ TÀI CHÍNH'],
	number: 'Số: 412/BC-STC',
	dateLine: 'ngày 28 tháng 10 năm 2026',
	draft: false,
	blocks: [
		{ kind: 'title', text: 'BÁO CÁO' },
		{ kind: 'subtitle', text: 'Tình hình kinh tế – xã hội tháng 10 và 10 tháng năm 2026;' },
		{ kind: 'subtitle', text: 'nhiệm vụ, giải pháp trọng tâm hai tháng cuối năm' },
		{ kind: 'heading', text: 'I. KẾT QUẢ ĐẠT ĐƯỢC' },
		{
			kind: 'paragraph',
			text: 'Trong 10 tháng năm 2026, tình hình kinh tế – xã hội của tỉnh tiếp tục chuyển biến tích cực. Tổng sản phẩm trên địa bàn (GRDP) ước tăng 7,8% so với cùng kỳ; khu vực công nghiệp – xây dựng tăng 9,6%, khu vực dịch vụ tăng 7,1%, khu vực nông, lâm nghiệp và thủy sản tăng 3,4%.'
		},
		{
			kind: 'paragraph',
			text: 'Tổng thu ngân sách nhà nước trên địa bàn ước đạt 14.250 tỷ đồng, bằng 86,4% dự toán năm và tăng 11,2% so với cùng kỳ. Tổng chi ngân sách địa phương ước đạt 15.930 tỷ đồng, bằng 78,5% dự toán, bảo đảm chi lương, chi an sinh xã hội và các nhiệm vụ cấp bách.'
		},
		{
			kind: 'paragraph',
			text: 'Giải ngân vốn đầu tư công đến ngày 25 tháng 10 đạt 61,2% kế hoạch vốn giao, cao hơn bình quân chung cả nước nhưng chưa đạt mục tiêu đề ra. Kim ngạch xuất khẩu ước đạt 2,1 tỷ USD, tăng 8,9%; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng tăng 10,3%.'
		},
		{
			kind: 'paragraph',
			text: 'Công tác cải cách hành chính được quan tâm chỉ đạo. Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến đạt 58,7%; tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,3%. Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận hơn 186.000 hồ sơ, trong đó 4.120 hồ sơ giải quyết quá hạn, chủ yếu thuộc lĩnh vực đất đai và xây dựng.'
		},
		{
			kind: 'paragraph',
			text: 'Lĩnh vực văn hóa – xã hội tiếp tục được quan tâm. Năm học 2026–2027 khai giảng đúng kế hoạch; tỷ lệ trường đạt chuẩn quốc gia đạt 78,6%. Công tác khám, chữa bệnh và phòng, chống dịch bệnh được bảo đảm; tỷ lệ dân số tham gia bảo hiểm y tế đạt 94,1%. Trong 10 tháng, toàn tỉnh giải quyết việc làm cho 21.400 lao động, đạt 89% kế hoạch năm; tỷ lệ hộ nghèo ước giảm còn 1,9%.'
		},
		{
			kind: 'paragraph',
			text: 'Quốc phòng, an ninh được giữ vững; trật tự, an toàn xã hội được bảo đảm. Tai nạn giao thông giảm cả ba tiêu chí so với cùng kỳ. Công tác tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện đúng quy định; không phát sinh điểm nóng.'
		},
		{ kind: 'heading', text: 'II. TỒN TẠI, HẠN CHẾ' },
		{
			kind: 'paragraph',
			text: 'Sản xuất công nghiệp của một số doanh nghiệp dệt may, chế biến gỗ gặp khó khăn do đơn hàng xuất khẩu giảm. Giá một số mặt hàng thiết yếu tăng vào cuối quý III, ảnh hưởng đến đời sống của một bộ phận người dân.'
		},
		{
			kind: 'paragraph',
			text: 'Tiến độ giải ngân vốn đầu tư công của một số dự án trọng điểm còn chậm do vướng mắc trong bồi thường, giải phóng mặt bằng. Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đồng đều giữa các sở, ngành và các xã, phường; nhiều dịch vụ công trực tuyến toàn trình còn ít người dân sử dụng.'
		},
		{ kind: 'heading', text: 'III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM HAI THÁNG CUỐI NĂM' },
		{
			kind: 'paragraph',
			text: 'Tập trung tháo gỡ khó khăn để đẩy nhanh giải ngân vốn đầu tư công, phấn đấu đạt trên 95% kế hoạch năm. Tăng cường quản lý thu, chống thất thu ngân sách. Khẩn trương hoàn thiện, trình Ủy ban nhân dân tỉnh thông qua Nghị quyết về cải cách hành chính, đơn giản hóa thủ tục hành chính và phát triển dịch vụ công trực tuyến năm 2027.'
		},
		{
			kind: 'paragraph',
			text: 'Chuẩn bị tốt các điều kiện phục vụ Nhân dân vui Xuân, đón Tết Nguyên đán an toàn, tiết kiệm; bảo đảm an sinh xã hội, chăm lo đời sống người có công, hộ nghèo, hộ cận nghèo và người lao động có hoàn cảnh khó khăn.'
		},
		{ kind: 'signature', lines: ['GIÁM ĐỐC', '', '', '', 'Nguyễn Văn Hải'] }
	]
};

export const RESOLUTION_TITLE = 'Nghị quyết về cải cách hành chính, đơn giản hóa thủ tục hành chính và phát triển dịch vụ công trực tuyến năm 2027';

export const RESOLUTION_DOCUMENT: OfficialDocument = {
	filename: 'Dự thảo Nghị quyết CCHC năm 2027.pdf',
	title: `Dự thảo ${RESOLUTION_TITLE}`,
	issuer: ['ỦY BAN NHÂN DÂN TỈNH'],
	number: 'Số:      /NQ-UBND',
	dateLine: 'ngày      tháng 11 năm 2026',
	draft: true,
	blocks: [
		{ kind: 'title', text: 'NGHỊ QUYẾT' },
		{ kind: 'subtitle', text: 'Về cải cách hành chính, đơn giản hóa thủ tục hành chính' },
		{ kind: 'subtitle', text: 'và phát triển dịch vụ công trực tuyến năm 2027' },
		{ kind: 'title', text: 'ỦY BAN NHÂN DÂN TỈNH' },
		{ kind: 'basis', text: 'Căn cứ Luật Tổ chức chính quyền địa phương;' },
		{ kind: 'basis', text: 'Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;' },
		{ kind: 'basis', text: 'Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;' },
		{ kind: 'basis', text: 'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 287/TTr-SNV ngày 30 tháng 10 năm 2026; ý kiến thẩm định của Sở Tư pháp và ý kiến thảo luận của các thành viên Ủy ban nhân dân tỉnh tại phiên họp thường kỳ tháng 11 năm 2026.' },
		{ kind: 'title', text: 'QUYẾT NGHỊ:' },
		{ kind: 'heading', text: 'Điều 1. Mục tiêu' },
		{
			kind: 'paragraph',
			text: '1. Xây dựng nền hành chính phục vụ, chuyên nghiệp, hiện đại; lấy sự hài lòng của người dân và doanh nghiệp làm thước đo chất lượng hoạt động của các cơ quan hành chính nhà nước trên địa bàn tỉnh.'
		},
		{
			kind: 'paragraph',
			text: '2. Đến hết năm 2027: cắt giảm ít nhất 20% thời gian giải quyết và 20% chi phí tuân thủ thủ tục hành chính so với năm 2026; 100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình; tỷ lệ hồ sơ được tiếp nhận và giải quyết trực tuyến đạt từ 80% trở lên; tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.'
		},
		{
			kind: 'paragraph',
			text: '3. 100% hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực được số hóa và tái sử dụng, người dân không phải nộp lại giấy tờ mà cơ quan nhà nước đã có; chỉ số hài lòng của người dân, doanh nghiệp đối với sự phục vụ của cơ quan hành chính đạt trên 90%.'
		},
		{ kind: 'heading', text: 'Điều 2. Nhiệm vụ và giải pháp chủ yếu' },
		{
			kind: 'paragraph',
			text: '1. Rà soát, đơn giản hóa thủ tục hành chính: hằng quý, các sở, ngành rà soát toàn bộ thủ tục hành chính thuộc phạm vi quản lý, kiến nghị bãi bỏ những thủ tục không còn cần thiết, cắt giảm thành phần hồ sơ trùng lặp; ưu tiên các lĩnh vực đất đai, xây dựng, đầu tư, lao động và an sinh xã hội.'
		},
		{
			kind: 'paragraph',
			text: '2. Nâng cao chất lượng dịch vụ công trực tuyến: hoàn thiện Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, kết nối, chia sẻ dữ liệu với Cổng Dịch vụ công quốc gia và Cơ sở dữ liệu quốc gia về dân cư; thiết kế lại quy trình trực tuyến theo hướng đơn giản, dễ sử dụng trên thiết bị di động, thanh toán trực tuyến phí, lệ phí.'
		},
		{
			kind: 'paragraph',
			text: '3. Số hóa hồ sơ và kết quả giải quyết thủ tục hành chính: thực hiện số hóa ngay khi tiếp nhận tại bộ phận một cửa các cấp; hoàn thành số hóa kết quả giải quyết còn hiệu lực của giai đoạn 2020–2026 trước ngày 30 tháng 9 năm 2027; lưu trữ, khai thác trong kho quản lý dữ liệu điện tử của tổ chức, cá nhân.'
		},
		{
			kind: 'paragraph',
			text: '4. Kiện toàn bộ phận một cửa: Trung tâm Phục vụ hành chính công tỉnh và bộ phận một cửa các xã, phường bố trí công chức có năng lực, thái độ phục vụ tốt; mở rộng tiếp nhận hồ sơ không phụ thuộc địa giới hành chính đối với các thủ tục đủ điều kiện; tổ chức hỗ trợ người cao tuổi, người khuyết tật sử dụng dịch vụ công trực tuyến.'
		},
		{
			kind: 'paragraph',
			text: '5. Tăng cường kỷ luật, kỷ cương hành chính: công khai trên Cổng thông tin điện tử của tỉnh tình hình giải quyết hồ sơ của từng cơ quan, đơn vị; người đứng đầu cơ quan để xảy ra hồ sơ trễ hạn phải xin lỗi người dân bằng văn bản và chịu trách nhiệm khi đánh giá, xếp loại cuối năm; xử lý nghiêm hành vi nhũng nhiễu, gây phiền hà.'
		},
		{
			kind: 'paragraph',
			text: '6. Đo lường sự hài lòng: hằng năm tổ chức khảo sát độc lập về mức độ hài lòng của người dân, doanh nghiệp; kết quả khảo sát là một tiêu chí đánh giá kết quả thực hiện nhiệm vụ của các cơ quan, đơn vị và người đứng đầu.'
		},
		{ kind: 'heading', text: 'Điều 3. Kinh phí thực hiện' },
		{
			kind: 'paragraph',
			text: 'Kinh phí thực hiện Nghị quyết được bố trí từ ngân sách tỉnh trong dự toán chi thường xuyên năm 2027 của các cơ quan, đơn vị và từ các nguồn hợp pháp khác. Riêng kinh phí số hóa hồ sơ, kết quả giải quyết thủ tục hành chính giai đoạn 2020–2026 được bố trí tập trung qua Sở Nội vụ, tổng mức không quá 18,5 tỷ đồng.'
		},
		{ kind: 'heading', text: 'Điều 4. Tổ chức thực hiện' },
		{
			kind: 'paragraph',
			text: '1. Sở Nội vụ là cơ quan thường trực, chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện Nghị quyết; tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện hằng quý và đề xuất khen thưởng, xử lý trách nhiệm.'
		},
		{
			kind: 'paragraph',
			text: '2. Sở Tài chính tham mưu bố trí kinh phí thực hiện Nghị quyết theo quy định. Sở Khoa học và Công nghệ chủ trì bảo đảm hạ tầng số, an toàn thông tin và kết nối, chia sẻ dữ liệu phục vụ giải quyết thủ tục hành chính trên môi trường điện tử.'
		},
		{
			kind: 'paragraph',
			text: '3. Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các xã, phường xây dựng kế hoạch cụ thể của cơ quan, đơn vị mình, hoàn thành trước ngày 31 tháng 12 năm 2026, và chịu trách nhiệm trước Ủy ban nhân dân tỉnh về kết quả thực hiện.'
		},
		{ kind: 'heading', text: 'Điều 5. Hiệu lực thi hành' },
		{
			kind: 'paragraph',
			text: 'Nghị quyết này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các xã, phường và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị quyết này./.'
		},
		{ kind: 'signature', lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '', '', '', 'Trần Văn Minh'] }
	]
};

export const ARCHIVED_MEETING = {
	title: 'Phiên họp thường kỳ tháng 11 năm 2026 của Ủy ban nhân dân tỉnh',
	body: 'Ủy ban nhân dân tỉnh',
	location: 'Phòng họp số 1, Trụ sở Ủy ban nhân dân tỉnh',
	description:
		'Phiên họp thường kỳ đánh giá tình hình kinh tế – xã hội tháng 10 và 10 tháng năm 2026, xem xét thông qua Nghị quyết về cải cách hành chính, đơn giản hóa thủ tục hành chính và phát triển dịch vụ công trực tuyến năm 2027.',
	/** Days before the seed, at 08:00 Vietnam time; it lasted three hours. */
	daysAgo: 21,
	hours: 3,
	agenda: [
		{ title: 'Khai mạc phiên họp; thông qua chương trình', presenter: 'Chủ tọa', durationMinutes: 10, document: null, speakers: [] },
		{
			title: 'Báo cáo tình hình kinh tế – xã hội tháng 10 và 10 tháng năm 2026',
			presenter: 'Sở Tài chính',
			durationMinutes: 60,
			document: REPORT_DOCUMENT,
			speakers: ['delegate2']
		},
		{
			title: `Dự thảo ${RESOLUTION_TITLE}`,
			presenter: 'Sở Nội vụ',
			durationMinutes: 90,
			document: RESOLUTION_DOCUMENT,
			speakers: ['delegate1', 'delegate3']
		}
	],
	motion: {
		/** On the last agenda item, named ballot, simple majority, the default options. */
		title: `Thông qua ${RESOLUTION_TITLE}`,
		text: 'Ủy ban nhân dân tỉnh biểu quyết thông qua dự thảo Nghị quyết do Sở Nội vụ trình, đã được chỉnh lý theo ý kiến thảo luận tại phiên họp.',
		/** Who voted what; delegate3 also casts delegate5's vote by proxy. */
		ballots: [
			{ by: 'chair', choice: 'yes' },
			{ by: 'delegate1', choice: 'yes' },
			{ by: 'delegate2', choice: 'abstain' },
			{ by: 'delegate3', choice: 'yes' },
			{ by: 'delegate3', onBehalfOf: 'delegate5', choice: 'yes' }
		]
	}
} as const;

/**
 * What the secretary added to the draft (paragraphs separated by a blank line): the discussion and the chair's
 * conclusion, which only people know. Names are those of DEMO_USERS.
 */
export const ARCHIVED_MINUTES_SUMMARY = [
	'Tóm tắt thảo luận và kết luận của Chủ tọa.',
	'Về tình hình kinh tế – xã hội 10 tháng năm 2026: các thành viên Ủy ban nhân dân tỉnh thống nhất với báo cáo của Sở Tài chính. Đồng chí Phạm Quốc Bảo đề nghị làm rõ nguyên nhân giải ngân vốn đầu tư công mới đạt 61,2% kế hoạch và đề xuất thành lập tổ công tác tháo gỡ vướng mắc giải phóng mặt bằng của các dự án trọng điểm.',
	'Về dự thảo Nghị quyết về cải cách hành chính: đồng chí Lê Thị Hồng đề nghị bổ sung chỉ tiêu 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình và cơ chế xin lỗi người dân khi hồ sơ trễ hạn; đồng chí Hoàng Văn Dũng đề nghị làm rõ nguồn kinh phí số hóa hồ sơ giai đoạn 2020–2026. Sở Nội vụ đã tiếp thu, chỉnh lý Điều 1, Điều 2 và Điều 3 của dự thảo trước khi biểu quyết.',
	'Kết luận: Ủy ban nhân dân tỉnh thông qua Nghị quyết về cải cách hành chính, đơn giản hóa thủ tục hành chính và phát triển dịch vụ công trực tuyến năm 2027. Giao Sở Nội vụ hoàn chỉnh văn bản, trình Chủ tịch Ủy ban nhân dân tỉnh ký ban hành trước ngày 30 tháng 11 năm 2026; giao Sở Tài chính chủ trì tổ công tác đẩy nhanh giải ngân vốn đầu tư công, báo cáo tại phiên họp thường kỳ tháng 12 năm 2026.',
	'Phiên họp kết thúc lúc 11 giờ 00 cùng ngày.'
].join('\n\n');
