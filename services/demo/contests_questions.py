"""The demo question bank: every question is drawn from the articles in shared/seeds.

Each row: (category, type, question, options, indices of the correct options, explanation,
difficulty). Types: "s" single choice, "m" multiple choice, "tf" true/false.
"""

CAT_DOCS = "Chỉ thị và văn bản hướng dẫn"
CAT_TOPICS = "Chuyên đề hằng năm"
CAT_STEPS = "Cách thức làm theo: các bước, bản cam kết, sổ tay"
CAT_PLACES = "Gương sáng ở các địa phương"

CATEGORY_ROOT = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"

QUESTIONS = (
    # --- Chỉ thị và văn bản ---------------------------------------------------------------------
    (
        CAT_DOCS,
        "s",
        "Chỉ thị số 05-CT/TW của Bộ Chính trị về “Đẩy mạnh học tập và làm theo tư "
        "tưởng, đạo đức, phong cách Hồ Chí Minh” được ban hành ngày nào?",
        ["15/5/2016", "19/5/2016", "03/02/2016", "15/5/2011"],
        [0],
        "Chỉ thị số 05-CT/TW được Bộ Chính trị ban hành ngày 15/5/2016.",
        1,
    ),
    (
        CAT_DOCS,
        "s",
        "Chỉ thị số 05-CT/TW do cơ quan nào ban hành?",
        ["Bộ Chính trị", "Ban Bí thư", "Ban Tuyên giáo Trung ương", "Ban Tổ chức Trung ương"],
        [0],
        "Chỉ thị 05-CT/TW là chỉ thị của Bộ Chính trị (khóa XII).",
        1,
    ),
    (
        CAT_DOCS,
        "s",
        "Chỉ thị 05-CT/TW là chỉ thị của Bộ Chính trị khóa nào?",
        ["Khóa X", "Khóa XI", "Khóa XII", "Khóa XIII"],
        [2],
        "Bài viết của Đảng bộ Khối các cơ quan tỉnh Lạng Sơn nêu rõ: Chỉ thị số 05-CT/TW của Bộ "
        "Chính trị khóa XII.",
        2,
    ),
    (
        CAT_DOCS,
        "s",
        "Trước Chỉ thị 05-CT/TW, chỉ thị nào của Bộ Chính trị về tiếp tục đẩy mạnh "
        "việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh được các địa phương thực hiện từ "
        "năm 2011?",
        [
            "Chỉ thị số 03-CT/TW",
            "Chỉ thị số 06-CT/TW",
            "Chỉ thị số 36-CT/TW",
            "Chỉ thị số 42-CT/TW",
        ],
        [0],
        "Phường Thắng Tam tổng kết 5 năm thực hiện Chỉ thị số 03-CT/TW của Bộ Chính trị (2011).",
        1,
    ),
    (
        CAT_DOCS,
        "s",
        "Chỉ thị số 03-CT/TW về tiếp tục đẩy mạnh việc học tập và làm theo tấm "
        "gương đạo đức Hồ Chí Minh được ban hành năm nào?",
        ["2011", "2012", "2016", "2007"],
        [0],
        "Chỉ thị số 03-CT/TW được Bộ Chính trị ban hành năm 2011.",
        2,
    ),
    (
        CAT_DOCS,
        "s",
        "Mẫu bản cam kết của đảng viên được thực hiện theo văn bản nào?",
        [
            "Công văn số 2952-CV/BTCTW ngày 20/6/2017 của Ban Tổ chức Trung ương",
            "Hướng dẫn số 09-HD/BTCTW ngày 2/3/2012 của Ban Tổ chức Trung ương",
            "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
            "Nghị quyết Trung ương 4 khóa XI",
        ],
        [0],
        "Bài viết của Huyện ủy Thoại Sơn: mẫu bản cam kết theo Công văn số 2952-CV/BTCTW ngày "
        "20/6/2017 của Ban Tổ chức Trung ương.",
        2,
    ),
    (
        CAT_DOCS,
        "s",
        "Công văn số 2952-CV/BTCTW về mẫu bản cam kết được ban hành ngày nào?",
        ["20/6/2017", "15/5/2016", "02/3/2012", "19/5/2017"],
        [0],
        "Công văn số 2952-CV/BTCTW ngày 20/6/2017 của Ban Tổ chức Trung ương.",
        2,
    ),
    (
        CAT_DOCS,
        "s",
        "Hướng dẫn số 09-HD/BTCTW ngày 2-3-2012 của Ban Tổ chức Trung ương hướng dẫn nội dung gì?",
        [
            "Nội dung sinh hoạt chi bộ",
            "Mẫu bản cam kết của đảng viên",
            "Khen thưởng điển hình tiên tiến",
            "Tổ chức hội thi tìm hiểu",
        ],
        [0],
        "Đảng bộ Pleiku gắn sổ tay với sinh hoạt chuyên đề theo Hướng dẫn 09-HD/BTCTW về nội dung "
        "sinh hoạt chi bộ.",
        3,
    ),
    (
        CAT_DOCS,
        "tf",
        "Nghị quyết Trung ương 4 (khóa XI) có tên “Một số vấn đề cấp bách về xây "
        "dựng Đảng hiện nay”.",
        ["Đúng", "Sai"],
        [0],
        "Cả Pleiku và phường Thắng Tam đều gắn việc làm theo Bác với Nghị quyết Trung ương 4 khóa "
        "XI “Một số vấn đề cấp bách về xây dựng Đảng hiện nay”.",
        2,
    ),
    (
        CAT_DOCS,
        "tf",
        "Chỉ thị 05-CT/TW được ban hành vào đúng ngày sinh của Chủ tịch Hồ Chí Minh (19/5).",
        ["Đúng", "Sai"],
        [1],
        "Chỉ thị 05-CT/TW ban hành ngày 15/5/2016, trước ngày sinh của Bác (19/5) bốn ngày.",
        1,
    ),
    (
        CAT_DOCS,
        "m",
        "Những tác phẩm nào của Chủ tịch Hồ Chí Minh được Đảng bộ thành phố Pleiku "
        "tổ chức nghiên cứu, học tập trong sinh hoạt chi bộ?",
        [
            "“Đường cách mệnh”",
            "“Nâng cao đạo đức cách mạng, quét sạch chủ nghĩa cá nhân”",
            "“Di chúc”",
            "“Nhật ký trong tù”",
        ],
        [0, 1, 2],
        "Giải pháp thứ nhất của Pleiku: học tập “Đường cách mệnh”, “Nâng cao đạo đức cách mạng, "
        "quét sạch chủ nghĩa cá nhân” và “Di chúc”.",
        3,
    ),
    # --- Chuyên đề hằng năm ---------------------------------------------------------------------
    (
        CAT_TOPICS,
        "s",
        "Chuyên đề năm 2014 là gì?",
        [
            "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
            "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
            "sạch, vững mạnh",
            "Suốt đời phấn đấu cần, kiệm, liêm, chính, chí công vô tư",
            "Học tập phong cách quần chúng, phong cách dân chủ",
        ],
        [0],
        "Chuyên đề năm 2014: “Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi "
        "với làm”.",
        1,
    ),
    (
        CAT_TOPICS,
        "s",
        "Chuyên đề năm 2020 là gì?",
        [
            "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
            "sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
            "Suốt đời phấn đấu cần, kiệm, liêm, chính, chí công vô tư, làm người công bộc tận tụy, "
            "trung thành của nhân dân",
            "Xây dựng phong cách dân vận khéo",
        ],
        [0],
        "Bài viết của Huyện ủy Thoại Sơn (16/01/2020) nêu chuyên đề năm 2020.",
        1,
    ),
    (
        CAT_TOPICS,
        "tf",
        "Chuyên đề năm 2014 có nội dung “Nói đi đôi với làm”.",
        ["Đúng", "Sai"],
        [0],
        "Chuyên đề 2014: “Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi "
        "với làm”.",
        1,
    ),
    (
        CAT_TOPICS,
        "s",
        "Chuyên đề được Đảng bộ khối cơ quan dân chính đảng tỉnh Bình Phước triển "
        "khai từ đầu năm 2013 là:",
        [
            "Suốt đời phấn đấu cần, kiệm, liêm, chính, chí công vô tư, làm người công bộc tận tụy, "
            "trung thành của nhân dân, đời tư trong sáng, cuộc sống riêng giản dị",
            "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
            "Tăng cường khối đại đoàn kết toàn dân tộc",
            "Học tập và làm theo phong cách dân vận",
        ],
        [0],
        "Bài viết trên báo Bình Phước (11/3/2014).",
        2,
    ),
    (
        CAT_TOPICS,
        "s",
        "Theo kế hoạch của Đảng ủy khối cơ quan tỉnh Bình Phước năm 2013, từ tháng "
        "3 đến tháng 5 đảng viên học tập phong cách nào của Bác?",
        [
            "Phong cách quần chúng",
            "Phong cách dân chủ",
            "Phong cách nêu gương",
            "Phong cách làm việc khoa học",
        ],
        [0],
        "Tháng 3–5/2013 học phong cách quần chúng; tháng 6–8 phong cách dân chủ; tháng 9–10 phong "
        "cách nêu gương.",
        2,
    ),
    (
        CAT_TOPICS,
        "s",
        "Theo kế hoạch năm 2013 ở Bình Phước, tháng 9–10 học tập phong cách nào?",
        [
            "Phong cách nêu gương",
            "Phong cách quần chúng",
            "Phong cách dân chủ",
            "Phong cách diễn đạt",
        ],
        [0],
        "Tháng 9–10/2013 học tập phong cách nêu gương của Bác.",
        2,
    ),
    (
        CAT_TOPICS,
        "s",
        "Trong kế hoạch triển khai chuyên đề năm 2014, Ban Thường vụ Đảng ủy khối "
        "cơ quan tỉnh Bình Phước đề ra bao nhiêu nội dung?",
        ["8", "6", "7", "4"],
        [0],
        "Ban Thường vụ Đảng ủy khối đã đề ra 8 nội dung.",
        3,
    ),
    (
        CAT_TOPICS,
        "m",
        "Bước 1 của quy trình làm theo gương Bác (theo Huyện ủy Thoại Sơn) gồm những việc nào?",
        [
            "Xây dựng kế hoạch học tập, quán triệt chuyên đề của đơn vị",
            "Triển khai kế hoạch đến đảng viên, cán bộ, công chức, viên chức",
            "Tham gia học tập, quán triệt chuyên đề năm đầy đủ, nghiêm túc",
            "Viết báo cáo tổng kết cuối năm",
        ],
        [0, 1, 2],
        "Bước 1 là tổ chức học tập, quán triệt chuyên đề hằng năm; báo cáo tổng kết thuộc bước 4.",
        3,
    ),
    (
        CAT_TOPICS,
        "tf",
        "Theo bài viết của Huyện ủy Thoại Sơn, mỗi cá nhân nên đăng ký làm theo "
        "thật nhiều nhiệm vụ chung chung để không bỏ sót việc gì.",
        ["Đúng", "Sai"],
        [1],
        "Không nên đăng ký chung chung; chọn một vài nhiệm vụ cụ thể, phù hợp chuyên đề năm để dễ "
        "kiểm điểm, sơ kết, tổng kết.",
        1,
    ),
    (
        CAT_TOPICS,
        "s",
        "Bình Phước: trong một năm, Báo Bình Phước đã đăng bao nhiêu tin, bài về "
        "học và làm theo gương Bác?",
        ["196", "116", "422", "200"],
        [0],
        "Báo Bình Phước đăng 196 tin, bài; Đài Phát thanh – Truyền hình tỉnh phát 116 tin, phóng "
        "sự, tọa đàm.",
        3,
    ),
    # --- Các bước, bản cam kết, sổ tay -----------------------------------------------------------
    (
        CAT_STEPS,
        "s",
        "Theo hướng dẫn của Huyện ủy Thoại Sơn, quá trình triển khai học tập và làm "
        "theo Bác gồm mấy bước cơ bản?",
        ["4 bước", "3 bước", "5 bước", "6 bước"],
        [0],
        "Cần quan tâm 4 bước cơ bản: học tập chuyên đề; thực hiện theo chuyên đề; cam kết, tu "
        "dưỡng, rèn luyện; giám sát, kiểm tra, đánh giá, báo cáo.",
        1,
    ),
    (
        CAT_STEPS,
        "s",
        "Bước 4 trong quy trình là gì?",
        [
            "Giám sát, kiểm tra, đánh giá, báo cáo kết quả thực hiện",
            "Tổ chức học tập, quán triệt chuyên đề hằng năm",
            "Cam kết, tu dưỡng, rèn luyện phấn đấu",
            "Xây dựng mô hình điểm",
        ],
        [0],
        "Bước 4: Giám sát, kiểm tra, đánh giá, báo cáo kết quả.",
        1,
    ),
    (
        CAT_STEPS,
        "s",
        "Bước 3 trong quy trình là gì?",
        [
            "Cam kết, tu dưỡng, rèn luyện phấn đấu thực hiện theo chuyên đề hằng năm",
            "Tổ chức học tập, quán triệt chuyên đề hằng năm",
            "Giám sát, kiểm tra, đánh giá, báo cáo",
            "Biểu dương, khen thưởng điển hình",
        ],
        [0],
        "Bước 3 là bước cam kết của từng đảng viên.",
        2,
    ),
    (
        CAT_STEPS,
        "s",
        "Mẫu bản cam kết của đảng viên có bao nhiêu nội dung?",
        ["6 nội dung", "4 nội dung", "5 nội dung", "8 nội dung"],
        [0],
        "Mẫu bản cam kết có 6 nội dung.",
        1,
    ),
    (
        CAT_STEPS,
        "m",
        "Những nội dung nào thuộc mẫu bản cam kết 6 nội dung?",
        [
            "Về tư tưởng chính trị",
            "Về phẩm chất đạo đức, lối sống",
            "Về thực hiện chức trách, nhiệm vụ được giao",
            "Về thu nhập cá nhân",
        ],
        [0, 1, 2],
        "Sáu nội dung: tư tưởng chính trị; phẩm chất đạo đức, lối sống; chức trách, nhiệm vụ; tổ "
        "chức kỷ luật; khắc phục hạn chế, khuyết điểm; kế hoạch hành động thực hiện Nghị quyết "
        "Đại hội XII.",
        2,
    ),
    (
        CAT_STEPS,
        "s",
        "Nội dung thứ tư của bản cam kết là gì?",
        [
            "Về tổ chức kỷ luật",
            "Về tư tưởng chính trị",
            "Về phẩm chất đạo đức, lối sống",
            "Về kế hoạch hành động thực hiện Nghị quyết Đại hội XII",
        ],
        [0],
        "Nội dung 4: Về tổ chức kỷ luật.",
        2,
    ),
    (
        CAT_STEPS,
        "s",
        "Trong 6 nội dung của bản cam kết, nội dung nào cần được quan tâm đặc biệt "
        "để tránh đăng ký chung chung, sao chép nhau?",
        [
            "Nội dung thứ ba: Về thực hiện chức trách, nhiệm vụ được giao",
            "Nội dung thứ nhất: Về tư tưởng chính trị",
            "Nội dung thứ tư: Về tổ chức kỷ luật",
            "Nội dung thứ sáu: Về kế hoạch hành động",
        ],
        [0],
        "Bài viết nhấn mạnh nội dung thứ ba, không được đăng ký chung chung.",
        2,
    ),
    (
        CAT_STEPS,
        "s",
        "Nội dung thứ sáu của bản cam kết theo mẫu năm 2017 là gì?",
        [
            "Về kế hoạch hành động thực hiện Nghị quyết Đại hội XII của Đảng",
            "Về tổ chức kỷ luật",
            "Về phẩm chất đạo đức, lối sống",
            "Về khắc phục, sửa chữa hạn chế, khuyết điểm",
        ],
        [0],
        "Nội dung 6: Về kế hoạch hành động thực hiện Nghị quyết Đại hội XII của Đảng.",
        3,
    ),
    (
        CAT_STEPS,
        "s",
        "Theo hướng dẫn, mỗi cá nhân viết báo cáo sơ kết kết quả thực hiện cam kết "
        "vào thời điểm nào?",
        ["Cuối tháng 6", "Cuối tháng 3", "Cuối tháng 9", "Đầu năm"],
        [0],
        "Cuối tháng 6 viết báo cáo sơ kết; cuối năm viết báo cáo tổng kết.",
        1,
    ),
    (
        CAT_STEPS,
        "tf",
        "Hằng tháng, trong họp cơ quan, chi bộ, mỗi cá nhân kiểm điểm việc làm "
        "theo của bản thân theo nội dung đã đăng ký.",
        ["Đúng", "Sai"],
        [0],
        "Đây là việc đầu tiên của bước 4 đối với cá nhân.",
        1,
    ),
    (
        CAT_STEPS,
        "tf",
        "Bản cam kết của cá nhân được phép ghi ngày trước ngày của kế hoạch chi bộ, đơn vị.",
        ["Đúng", "Sai"],
        [1],
        "Cần tránh trường hợp bản cam kết của cá nhân ghi ngày trước ngày của kế hoạch chi bộ, đơn "
        "vị.",
        2,
    ),
    (
        CAT_STEPS,
        "s",
        "Ở Đảng bộ thành phố Pleiku, sổ tay “Làm theo gương Bác” được nhận xét "
        "định kỳ vào dịp nào?",
        [
            "Hằng tháng, trong sinh hoạt chi bộ",
            "Mỗi quý một lần",
            "Cuối mỗi năm",
            "Khi có đoàn kiểm tra",
        ],
        [0],
        "Hằng tháng, trong sinh hoạt chi bộ, mỗi đảng viên tự nhận xét; chi ủy tổng hợp và nhận "
        "xét vào sổ tay.",
        2,
    ),
    (
        CAT_STEPS,
        "m",
        "Đảng viên Pleiku đăng ký nội dung “làm theo” trong sổ tay gắn với những gì?",
        [
            "5 chuẩn mực đạo đức của cán bộ, đảng viên tỉnh Gia Lai",
            "Vị trí công tác, chức trách, nhiệm vụ của từng người",
            "Số tiền ủng hộ quỹ của chi bộ",
        ],
        [0, 1],
        "Nội dung đăng ký gắn với 5 chuẩn mực đạo đức và phù hợp vị trí, chức trách của mỗi người.",
        3,
    ),
    # --- Gương sáng ở các địa phương -------------------------------------------------------------
    (
        CAT_PLACES,
        "s",
        "Đảng bộ thành phố Pleiku đã trao sổ tay “Làm theo gương Bác” cho khoảng "
        "bao nhiêu đảng viên?",
        ["Hơn 5.000", "Hơn 500", "Hơn 13.000", "Hơn 2.000"],
        [0],
        "Các đảng bộ, chi bộ trực thuộc Thành ủy Pleiku trao sổ tay cho hơn 5.000 đảng viên.",
        1,
    ),
    (
        CAT_PLACES,
        "s",
        "Lễ trao sổ tay “Làm theo gương Bác” ở Đảng bộ thành phố Pleiku được tổ "
        "chức vào thời gian nào?",
        ["Tháng 2-2012", "Tháng 5-2016", "Tháng 2-2011", "Tháng 6-2017"],
        [0],
        "Tháng 2-2012, Đảng bộ thành phố Pleiku tổ chức Lễ trao sổ tay.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Năm 2012, thành phố Pleiku thành lập bao nhiêu đoàn kiểm tra việc học tập "
        "và làm theo tấm gương đạo đức Hồ Chí Minh?",
        ["6 đoàn", "12 đoàn", "13 đoàn", "4 đoàn"],
        [0],
        "Thành phố đã thành lập 6 đoàn kiểm tra.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Ở Bình Phước, trong 3 năm 2011–2013, tỉ lệ cán bộ, đảng viên, công chức "
        "khối cơ quan dân chính đảng đăng ký làm theo gương Bác đạt bao nhiêu?",
        ["95,3%", "90,5%", "100%", "85,3%"],
        [0],
        "13.130/13.778 cán bộ, đảng viên, công chức đăng ký, đạt 95,3%.",
        1,
    ),
    (
        CAT_PLACES,
        "s",
        "Đảng bộ khối cơ quan dân chính đảng tỉnh Bình Phước (2014) có bao nhiêu đảng viên?",
        ["2.247", "13.778", "5.000", "422"],
        [0],
        "2.247 đảng viên sinh hoạt tại 64 chi, đảng bộ cơ sở.",
        3,
    ),
    (
        CAT_PLACES,
        "s",
        "Bao nhiêu tập thể thuộc Đảng bộ khối cơ quan dân chính đảng tỉnh Bình "
        "Phước đăng ký học và làm theo gương Bác trong 3 năm 2011–2013?",
        ["422 tập thể (tất cả)", "64 tập thể", "196 tập thể", "200 tập thể"],
        [0],
        "Tất cả 422 tập thể đều đăng ký.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Phương châm “Chuyên nghiệp, minh bạch, hiệu quả” là của đơn vị nào ở Bình Phước?",
        [
            "Đảng bộ Cục Hải quan",
            "Đảng bộ Cục Thuế",
            "Đảng bộ Viện Kiểm sát nhân dân tỉnh",
            "Đảng bộ Kho bạc Nhà nước tỉnh",
        ],
        [0],
        "Đảng bộ Cục Hải quan với phương châm: Chuyên nghiệp, minh bạch, hiệu quả.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Mô hình “Cựu chiến binh tự quản những con đường xanh - sạch - đẹp” do "
        "đơn vị nào phát động?",
        [
            "Chi bộ Hội Cựu chiến binh tỉnh Bình Phước",
            "Đoàn ủy khối cơ quan",
            "Đảng bộ Kho bạc Nhà nước tỉnh",
            "Đảng bộ phường Thắng Tam",
        ],
        [0],
        "Chi bộ Hội Cựu chiến binh tỉnh đã phát động mô hình này.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Phường Thắng Tam có bao nhiêu chi bộ trực thuộc?",
        ["13 chi bộ", "6 chi bộ", "12 chi bộ", "31 chi bộ"],
        [0],
        "Đảng bộ phường Thắng Tam quán triệt Chỉ thị 03 đến cán bộ, đảng viên ở 13 chi bộ trực "
        "thuộc.",
        2,
    ),
    (
        CAT_PLACES,
        "m",
        "Những mô hình nào xuất hiện ở phường Thắng Tam khi thực hiện Chỉ thị 03?",
        [
            "“Điện thoại cải cách hành chính”",
            "“Khu phố hiếu học”",
            "“Tang lễ ở khu dân cư”",
            "“Bưu tá tận tụy”",
        ],
        [0, 1, 2],
        "“Bưu tá tận tụy” là mô hình của Đảng ủy Bưu điện tỉnh Lạng Sơn.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Giai đoạn 2016–2021, Đảng bộ Khối các cơ quan tỉnh Lạng Sơn có bao nhiêu "
        "mô hình hay, cách làm sáng tạo?",
        ["31", "41", "79", "106"],
        [0],
        "31 mô hình hay, cách làm sáng tạo và 41 mô hình, điển hình gắn với “Dân vận khéo”.",
        3,
    ),
    (
        CAT_PLACES,
        "s",
        "Đảng ủy Bưu điện tỉnh Lạng Sơn duy trì hơn bao nhiêu mô hình “Bưu tá tận tụy”?",
        ["Hơn 100", "Hơn 79", "Hơn 31", "Hơn 1.500"],
        [0],
        "Hơn 100 mô hình “Bưu tá tận tụy” và 79 mô hình điểm “Bưu điện văn hóa xã đa dịch vụ”.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Giai đoạn 2016–2021, bao nhiêu lượt cá nhân trong Đảng bộ Khối các cơ "
        "quan tỉnh Lạng Sơn được biểu dương, khen thưởng?",
        ["1.500", "263", "158", "106"],
        [0],
        "263 lượt tập thể và 1.500 lượt cá nhân được các cấp biểu dương, khen thưởng.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Mô hình “Xã điểm trong thi hành án dân sự” là của đơn vị nào?",
        [
            "Chi bộ Cục Thi hành án dân sự",
            "Đảng bộ Tòa án nhân dân tỉnh",
            "Đảng bộ Cục Thuế",
            "Đảng bộ Tỉnh đoàn",
        ],
        [0],
        "Mô hình giải quyết án tồn đọng của Chi bộ Cục Thi hành án dân sự tỉnh Lạng Sơn.",
        1,
    ),
    (
        CAT_PLACES,
        "tf",
        "Đảng bộ Khối các cơ quan tỉnh Lạng Sơn khánh thành Phòng truyền thống năm 2021.",
        ["Đúng", "Sai"],
        [0],
        "Năm 2021 Đảng bộ Khối đã khánh thành Phòng truyền thống gắn với tuyên truyền giáo dục.",
        2,
    ),
    (
        CAT_PLACES,
        "s",
        "Tên cuốn kỷ yếu được Đảng bộ Khối các cơ quan tỉnh Lạng Sơn biên tập, "
        "xuất bản dịp kỷ niệm 131 năm ngày sinh của Bác là gì?",
        [
            "“Những bông hoa đẹp trong vườn hoa làm theo lời Bác”",
            "“Sổ tay làm theo gương Bác”",
            "“Di chúc”",
            "“Dân vận khéo”",
        ],
        [0],
        "Cuốn kỷ yếu “Những bông hoa đẹp trong vườn hoa làm theo lời Bác, giai đoạn 2016 - 2021”.",
        3,
    ),
)
