"""Demo data for the catalogue: the models and people the articles in shared/seeds name.

Every photo is a poster drawn with Pillow (the name in Vietnamese, the unit, the years) and goes
through the same upload pipeline as a real photo. Idempotent: nothing happens when records exist.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont
from sqlmodel import Session, select

from models.accounts import Unit
from models.catalogue import (
    CatalogueRecord,
    CatalogueRecordCreate,
    CatalogueReplicationCreate,
    RecordKind,
    RecordStatus,
)
from services.capabilities import SYSTEM
from services.catalogue import photos, replication
from services.catalogue import records as catalogue
from services.settings import PROJECT_ROOT, Settings

FONT_BOLD = PROJECT_ROOT / "assets" / "fonts" / "DejaVuSans-Bold.ttf"
FONT = PROJECT_ROOT / "assets" / "fonts" / "DejaVuSans.ttf"
POSTER_SIZE = (800, 600)
MARGIN = 110  # text stays inside the square thumbnail's crop

THEMES = {
    2012: "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về tư tưởng và tác phong quần chúng",
    2013: "Suốt đời phấn đấu cần, kiệm, liêm, chính, chí công vô tư, làm người công bộc tận tụy, "
    "trung thành của nhân dân, đời tư trong sáng, cuộc sống riêng giản dị",
    2014: "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm",
    2015: "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về trung thực, trách nhiệm; gắn bó "
    "với nhân dân; đoàn kết, xây dựng Đảng trong sạch, vững mạnh",
    2016: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về trung thực, trách "
    "nhiệm; gắn bó với nhân dân; đoàn kết, xây dựng Đảng trong sạch, vững mạnh",
    2017: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phòng, chống suy thoái "
    "về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
    2018: "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên "
    "trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2019: "Nâng cao ý thức tôn trọng nhân dân, phát huy dân chủ, chăm lo đời sống nhân dân theo "
    "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2020: "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị trong "
    "sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    2021: "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự "
    "cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc",
}

M, P, T = RecordKind.MODEL, RecordKind.INDIVIDUAL, RecordKind.COLLECTIVE
PUB, DRAFT, PENDING, ARCH = (
    RecordStatus.PUBLISHED,
    RecordStatus.DRAFT,
    RecordStatus.PENDING,
    RecordStatus.ARCHIVED,
)

BUU_DIEN = "Đảng bộ Bưu điện tỉnh"
BD_TP = "Chi bộ Bưu điện thành phố"
BD_CL = "Chi bộ Bưu điện huyện Cao Lộc"
Y_TE = "Đảng bộ Sở Y tế"
VP_YT = "Chi bộ Văn phòng Sở Y tế"
GIAO_DUC = "Đảng bộ Sở Giáo dục và Đào tạo"
TOA_AN = "Đảng bộ Tòa án nhân dân tỉnh"
VKS = "Đảng bộ Viện Kiểm sát nhân dân tỉnh"
THUE = "Đảng bộ Cục Thuế"
HAI_QUAN = "Đảng bộ Cục Hải quan"
KHO_BAC = "Đảng bộ Kho bạc Nhà nước tỉnh"
TINH_DOAN = "Đảng bộ Tỉnh đoàn"
BIDV = "Đảng bộ Ngân hàng Đầu tư và Phát triển"
THA = "Chi bộ Cục Thi hành án dân sự"
TUYEN_GIAO = "Chi bộ Ban Tuyên giáo Tỉnh ủy"
CCB = "Chi bộ Hội Cựu chiến binh tỉnh"

# kind, name, unit, field, years, summary, figures, tags, featured, status, story, nhân rộng,
# captions of the photos (1–4)
RECORDS: list[tuple] = [
    (
        M,
        "Bưu tá tận tụy",
        BUU_DIEN,
        "Bưu chính, viễn thông",
        (2016, 2021),
        "Mỗi bưu tá là một “cánh tay nối dài” của chính quyền: đưa bưu phẩm, chi trả lương hưu, "
        "nhận hồ sơ hành chính công tận nhà dân ở thôn bản xa.",
        [
            ("Mô hình “Bưu tá tận tụy” đang duy trì", "hơn 100"),
            ("Thôn, bản được phục vụ tận nhà", "1.240"),
        ],
        ["Dân vận khéo", "Phục vụ nhân dân", "Chuyển đổi số"],
        True,
        PUB,
        "Bưu tá Nguyễn Đức Tuấn giao bưu phẩm đến nhà dân tại thôn Hoàng Thượng, xã Hoàng Đồng, "
        "thành phố Lạng Sơn — hình ảnh quen thuộc của mô hình.",
        [(BD_TP, 2017), (BD_CL, 2018)],
        [
            "Bưu tá Nguyễn Đức Tuấn giao bưu phẩm tại thôn Hoàng Thượng",
            "Chi trả lương hưu tận nhà cho người cao tuổi",
            "Bưu tá nhận hồ sơ dịch vụ công",
            "Tổng kết mô hình năm 2021",
        ],
    ),
    (
        M,
        "Bưu điện văn hóa xã đa dịch vụ",
        BUU_DIEN,
        "Bưu chính, viễn thông",
        (2017, 2021),
        "Điểm bưu điện văn hóa xã trở thành nơi đọc sách báo, nhận và trả hồ sơ hành chính công, "
        "mua bán hàng thiết yếu của bà con.",
        [("Mô hình điểm", "79"), ("Lượt hồ sơ hành chính tiếp nhận mỗi năm", "12.500")],
        ["Phục vụ nhân dân", "Nông thôn mới"],
        True,
        PUB,
        "Đảng ủy Bưu điện tỉnh phối hợp chỉ đạo xây dựng, duy trì hoạt động hiệu quả 79 mô hình "
        "điểm, gắn với chương trình xây dựng nông thôn mới.",
        [(BD_CL, 2019)],
        ["Điểm bưu điện văn hóa xã", "Góc đọc sách báo cho bà con"],
    ),
    (
        M,
        "Khu phố hiếu học",
        GIAO_DUC,
        "Giáo dục",
        (2015, 2016),
        "Mỗi gia đình là một “tế bào hiếu học”: khu phố lập quỹ khuyến học, tuyên dương học sinh "
        "giỏi và giúp đỡ học sinh có hoàn cảnh khó khăn.",
        [("Gia đình đạt danh hiệu hiếu học", "312"), ("Suất học bổng mỗi năm", "85")],
        ["Khuyến học", "Khu dân cư"],
        True,
        PUB,
        "Mô hình khởi nguồn từ phường Thắng Tam qua 5 năm thực hiện Chỉ thị 03-CT/TW, được ngành "
        "giáo dục tỉnh học tập và nhân rộng.",
        [(TINH_DOAN, 2016)],
        ["Lễ tuyên dương học sinh giỏi của khu phố", "Trao học bổng khuyến học", "Tủ sách khu phố"],
    ),
    (
        M,
        "Điện thoại cải cách hành chính",
        THUE,
        "Hành chính",
        (2015, 2019),
        "Đường dây nóng giải đáp thủ tục cho người dân và doanh nghiệp, công khai thời gian giải "
        "quyết, phí và lệ phí.",
        [("Cuộc gọi được giải đáp", "8.460"), ("Hồ sơ trễ hạn", "0")],
        ["Cải cách hành chính", "Phục vụ nhân dân"],
        True,
        PUB,
        "Mô hình được học tập từ cách làm của phường Thắng Tam: công khai đầy đủ thủ tục hành chính "
        "để người dân có thể theo dõi, giám sát công việc của cán bộ, công chức.",
        [(KHO_BAC, 2017), (HAI_QUAN, 2018)],
        ["Tổng đài hỗ trợ người nộp thuế", "Bảng công khai thủ tục hành chính"],
    ),
    (
        M,
        "Xã điểm trong thi hành án dân sự",
        THA,
        "Tư pháp",
        (2018, 2021),
        "Chọn xã điểm, phối hợp với cấp ủy, chính quyền cơ sở vận động đương sự tự nguyện thi hành, "
        "giải quyết dứt điểm án tồn đọng.",
        [("Việc tồn đọng đã giải quyết", "214"), ("Số tiền thu hồi", "18,6 tỷ đồng")],
        ["Dân vận khéo", "Án tồn đọng"],
        True,
        PUB,
        "Chi bộ Cục Thi hành án dân sự chỉ đạo triển khai mô hình, gắn trách nhiệm từng chấp hành "
        "viên với từng xã điểm.",
        [],
        ["Chấp hành viên làm việc với đương sự tại xã điểm", "Hội nghị sơ kết mô hình xã điểm"],
    ),
    (
        M,
        "Cựu chiến binh tự quản những con đường xanh - sạch - đẹp",
        CCB,
        "Môi trường",
        (2013, 2020),
        "Hội viên cựu chiến binh nhận tự quản các tuyến đường: trồng hoa, thu gom rác, phát quang "
        "bụi rậm, nhắc nhở người dân giữ gìn cảnh quan.",
        [("Tuyến đường tự quản", "146 km"), ("Hội viên tham gia", "2.300")],
        ["Môi trường", "Nông thôn mới", "Cựu chiến binh"],
        True,
        PUB,
        "Chi bộ Hội Cựu chiến binh tỉnh phát động mô hình ở cơ sở; mỗi chi hội nhận một đoạn đường, "
        "mỗi tháng ra quân vệ sinh ít nhất hai lần.",
        [(TINH_DOAN, 2016), (TUYEN_GIAO, 2019)],
        [
            "Cựu chiến binh trồng hoa ven đường",
            "Ra quân vệ sinh đường làng",
            "Tuyến đường hoa",
            "Trao giấy khen cho chi hội tiêu biểu",
        ],
    ),
    (
        M,
        "Nhà nghĩa tình đồng đội",
        CCB,
        "An sinh xã hội",
        (2013, 2015),
        "Các huyện, thị hội huy động nguồn lực xây nhà cho hội viên cựu chiến binh khó khăn về "
        "nhà ở.",
        [("Kinh phí huy động", "gần 7 tỷ đồng"), ("Căn nhà bàn giao", "126")],
        ["An sinh xã hội", "Cựu chiến binh"],
        False,
        PUB,
        "Từ tinh thần “tương thân tương ái”, mỗi hội viên góp một ngày công, một phần kinh phí.",
        [],
        ["Bàn giao nhà nghĩa tình đồng đội"],
    ),
    (
        M,
        "Mô hình “6 cộng 1”",
        TINH_DOAN,
        "Dân vận",
        (2019, 2021),
        "Sáu nội dung đoàn viên cùng làm và một việc tốt mỗi tháng hướng về cơ sở.",
        [("Việc tốt được ghi nhận", "3.870")],
        ["Thanh niên", "Dân vận khéo"],
        False,
        PUB,
        "Mô hình tiêu biểu của Đảng bộ Tỉnh đoàn gắn với phong trào thi đua “Dân vận khéo”.",
        [],
        ["Đoàn viên ra quân tình nguyện", "Sinh hoạt chi đoàn"],
    ),
    (
        M,
        "Chủ trương “1+2” hướng về cơ sở",
        TINH_DOAN,
        "Dân vận",
        (2020, 2020),
        "Mỗi cán bộ tỉnh đoàn phụ trách một cơ sở, mỗi tháng hai lần xuống cơ sở nắm tình hình.",
        [("Cơ sở đoàn được phụ trách", "58")],
        ["Thanh niên", "Hướng về cơ sở"],
        False,
        PUB,
        "Cán bộ đi cơ sở ghi sổ nhật ký, báo cáo kết quả trong sinh hoạt chi bộ hằng tháng.",
        [],
        ["Cán bộ tỉnh đoàn làm việc tại cơ sở"],
    ),
    (
        M,
        "Sinh hoạt dưới cờ sáng thứ hai hằng tuần",
        TINH_DOAN,
        "Giáo dục chính trị",
        (2017, 2021),
        "Chào cờ, kể một câu chuyện về Bác và giao nhiệm vụ tuần vào sáng thứ hai đầu tuần.",
        [("Buổi sinh hoạt duy trì", "250")],
        ["Kể chuyện về Bác", "Thanh niên"],
        False,
        PUB,
        "Mỗi tuần một đoàn viên kể chuyện Bác Hồ và liên hệ với công việc của mình.",
        [(GIAO_DUC, 2019)],
        ["Lễ chào cờ sáng thứ hai", "Kể chuyện về Bác"],
    ),
    (
        M,
        "Sinh hoạt chuyên đề trực tuyến Tòa án hai cấp",
        TOA_AN,
        "Tư pháp",
        (2020, 2021),
        "Duy trì 02 buổi mỗi tháng sinh hoạt chuyên đề học tập, làm theo Bác theo hình thức trực "
        "tuyến giữa tòa án tỉnh và tòa án huyện.",
        [("Buổi sinh hoạt mỗi tháng", "2"), ("Điểm cầu kết nối", "12")],
        ["Chuyển đổi số", "Sinh hoạt chuyên đề"],
        True,
        PUB,
        "Hình thức trực tuyến giúp cán bộ ở các huyện xa cùng tham gia mà không phải đi lại.",
        [(VKS, 2021)],
        ["Phòng họp trực tuyến", "Điểm cầu tòa án huyện"],
    ),
    (
        M,
        "Thi tìm hiểu online Bộ quy chuẩn đạo đức nghề nghiệp",
        BIDV,
        "Tài chính, ngân hàng",
        (2020, 2020),
        "Cuộc thi trực tuyến về Bộ quy chuẩn đạo đức nghề nghiệp, quy tắc ứng xử và phong cách làm "
        "việc của người lao động ngân hàng.",
        [("Lượt dự thi", "1.126"), ("Tỉ lệ người lao động tham gia", "97,4%")],
        ["Cuộc thi tìm hiểu", "Đạo đức nghề nghiệp"],
        False,
        PUB,
        "Câu hỏi bám sát tình huống thực tế tại quầy giao dịch.",
        [],
        ["Trao giải cuộc thi", "Giao dịch viên thân thiện"],
    ),
    (
        M,
        "Xây nhà tình nghĩa, giúp người già cô đơn",
        TUYEN_GIAO,
        "An sinh xã hội",
        (2018, 2021),
        "Vận động đảng viên, công chức và các nguồn xã hội hóa xây nhà tình nghĩa, hỗ trợ lương "
        "thực, thực phẩm cho người già cô đơn.",
        [("Nhà tình nghĩa", "9"), ("Người già được giúp đỡ", "64")],
        ["An sinh xã hội"],
        False,
        PUB,
        "Mỗi đảng viên nhận đỡ đầu một cụ già không nơi nương tựa trên địa bàn tỉnh.",
        [],
        ["Thăm hỏi người già cô đơn", "Khởi công nhà tình nghĩa"],
    ),
    (
        M,
        "Phòng tuyên truyền giáo dục - truyền thống",
        HAI_QUAN,
        "Tuyên truyền",
        (2021, 2021),
        "Phòng truyền thống niêm yết công khai khen thưởng, biểu dương điển hình tiên tiến.",
        [("Hiện vật, tư liệu trưng bày", "420")],
        ["Phòng truyền thống", "Tuyên truyền"],
        True,
        PUB,
        "Một trong 06 cơ sở được Ban Thường vụ Đảng ủy Khối chỉ đạo điểm xây dựng phòng truyền thống.",
        [(THUE, 2021), (KHO_BAC, 2021), (TOA_AN, 2021)],
        ["Phòng truyền thống Cục Hải quan", "Góc trưng bày điển hình tiên tiến"],
    ),
    (
        M,
        "Chuyên nghiệp, minh bạch, hiệu quả",
        HAI_QUAN,
        "Hành chính",
        (2013, 2014),
        "Phương châm hành động ngắn gọn, dễ nhớ, sát đặc thù của ngành hải quan.",
        [("Thủ tục được rút ngắn thời gian", "38")],
        ["Chuẩn mực đạo đức", "Cải cách hành chính"],
        False,
        PUB,
        "Chuẩn mực đạo đức nghề nghiệp được cụ thể hóa thành phương châm “Chuyên nghiệp, minh bạch, "
        "hiệu quả”.",
        [],
        ["Khu làm thủ tục hải quan"],
    ),
    (
        M,
        "Vững vàng chính trị, trong sáng đạo đức, công tâm thi hành công vụ",
        THUE,
        "Hành chính",
        (2013, 2013),
        "Phương châm của Đảng bộ Cục Thuế gắn với chuẩn mực đạo đức cán bộ thuế.",
        [("Cán bộ đăng ký làm theo", "205")],
        ["Chuẩn mực đạo đức"],
        False,
        PUB,
        "Mỗi cán bộ thuế tự soạn cam kết làm theo gắn với vị trí việc làm.",
        [],
        ["Hội nghị quán triệt phương châm"],
    ),
    (
        M,
        "Vững về chính trị, giỏi về nghiệp vụ, tinh thông về pháp luật",
        VKS,
        "Tư pháp",
        (2013, 2016),
        "Chuẩn mực đạo đức nghề nghiệp của kiểm sát viên: công tâm và bản lĩnh, kỷ cương và trách "
        "nhiệm.",
        [("Kiểm sát viên đạt chuẩn", "100%")],
        ["Chuẩn mực đạo đức", "Tư pháp"],
        True,
        PUB,
        "Lời dạy của Bác đối với ngành kiểm sát được cụ thể hóa thành 5 chuẩn mực.",
        [],
        ["Kiểm sát viên tại phiên tòa", "Hội nghị học tập chuẩn mực"],
    ),
    (
        M,
        "10 điều kỷ luật gắn với thực hành tiết kiệm",
        KHO_BAC,
        "Tài chính, ngân hàng",
        (2013, 2015),
        "Thực hiện nghiêm 10 điều kỷ luật của ngành kết hợp thực hành tiết kiệm, chống lãng phí.",
        [("Kinh phí chi thường xuyên tiết kiệm", "12%")],
        ["Tiết kiệm", "Kỷ luật, kỷ cương"],
        False,
        PUB,
        "Đảng bộ Kho bạc Nhà nước tỉnh đưa việc tiết kiệm điện, nước, văn phòng phẩm vào đăng ký thi "
        "đua.",
        [],
        ["Giao dịch tại Kho bạc"],
    ),
    (
        M,
        "Cơ quan không khói thuốc, xanh - sạch - đẹp",
        HAI_QUAN,
        "Môi trường",
        (2014, 2014),
        "Quy chế tiết kiệm triệt để, cấm hút thuốc trong cơ quan và vệ sinh cơ quan thường xuyên.",
        [("Ngày ra quân vệ sinh mỗi năm", "24")],
        ["Môi trường"],
        False,
        ARCH,
        "Mô hình đã hoàn thành, được lưu trữ làm tư liệu.",
        [],
        ["Khuôn viên cơ quan"],
    ),
    (
        M,
        "Sổ tay Làm theo gương Bác",
        Y_TE,
        "Xây dựng Đảng",
        (2012, 2016),
        "Mỗi đảng viên đăng ký nội dung làm theo ngay từ đầu năm và tự nhận xét hằng tháng trong "
        "sinh hoạt chi bộ.",
        [("Đảng viên được trao sổ tay", "212"), ("Đoàn kiểm tra", "6")],
        ["Sổ tay làm theo Bác", "Sinh hoạt chi bộ"],
        False,
        PUB,
        "Học tập cách làm của Đảng bộ thành phố Pleiku: sổ tay được trao cho hơn 5.000 đảng viên, "
        "chi ủy nhận xét vào sổ tay mỗi tháng.",
        [(GIAO_DUC, 2014)],
        ["Lễ trao sổ tay Làm theo gương Bác", "Đảng viên ghi sổ tay"],
    ),
    (
        M,
        "Tang lễ văn minh ở khu dân cư",
        TUYEN_GIAO,
        "Văn hóa",
        (2015, 2016),
        "Vận động nhân dân tổ chức tang lễ tiết kiệm, văn minh, đúng quy định.",
        [("Khu dân cư thực hiện", "27")],
        ["Nếp sống văn minh", "Khu dân cư"],
        False,
        PUB,
        "Một trong những mô hình mới xuất hiện khi thực hiện Chỉ thị 03 ở cơ sở.",
        [],
        ["Họp khu dân cư bàn quy ước"],
    ),
    (
        M,
        "Xây dựng hình ảnh người cán bộ y tế thân thiện",
        Y_TE,
        "Y tế",
        (2016, 2019),
        "Đổi mới phong cách, thái độ phục vụ người bệnh: “đón tiếp niềm nở, chăm sóc tận tình, ra "
        "về dặn dò”.",
        [("Người bệnh hài lòng", "94,8%"), ("Cơ sở y tế tham gia", "23")],
        ["Y đức", "Phục vụ nhân dân"],
        True,
        PUB,
        "Đảng bộ Sở Y tế đưa chỉ tiêu hài lòng của người bệnh vào đánh giá đảng viên cuối năm.",
        [(VP_YT, 2017)],
        [
            "Điều dưỡng hướng dẫn người bệnh",
            "Bàn đón tiếp thân thiện",
            "Khám bệnh cho người cao tuổi",
        ],
    ),
    (
        M,
        "Chuyển đổi ngành nghề, phát triển kinh tế gia đình",
        BIDV,
        "Kinh tế",
        (2016, 2018),
        "Tư vấn vốn vay và cách làm ăn cho hộ gia đình chuyển đổi ngành nghề.",
        [("Hộ được tư vấn", "430"), ("Dư nợ hỗ trợ", "21 tỷ đồng")],
        ["Kinh tế hộ", "Giảm nghèo"],
        False,
        PUB,
        "Cán bộ ngân hàng đến từng hộ, cùng bà con tính toán phương án sản xuất.",
        [],
        ["Cán bộ ngân hàng tư vấn cho hộ dân"],
    ),
    (
        M,
        "Hái hoa dân chủ tìm hiểu về Đảng, Bác Hồ",
        TINH_DOAN,
        "Tuyên truyền",
        (2014, 2014),
        "Tọa đàm, hái hoa dân chủ, văn nghệ nhân các ngày lễ của đất nước.",
        [("Đoàn viên tham gia", "1.580")],
        ["Cuộc thi tìm hiểu", "Thanh niên"],
        False,
        PUB,
        "Mỗi câu hỏi là một câu chuyện về Bác.",
        [],
        ["Hội thi hái hoa dân chủ"],
    ),
    (
        M,
        "Nghìn phần quà cho học sinh nghèo",
        TINH_DOAN,
        "An sinh xã hội",
        (2013, 2013),
        "Quyên góp hơn 1.000 phần quà (trị giá 300 triệu đồng) hỗ trợ học sinh nghèo.",
        [("Phần quà", "hơn 1.000"), ("Trị giá", "300 triệu đồng")],
        ["An sinh xã hội", "Khuyến học"],
        False,
        PUB,
        "Đoàn ủy khối cơ quan còn xây dựng 16 căn nhà nhân ái và 37 công trình thanh niên.",
        [],
        ["Trao quà cho học sinh nghèo", "Công trình thanh niên"],
    ),
    (
        M,
        "Y đức trong khám chữa bệnh",
        VP_YT,
        "Y tế",
        (2019, 2019),
        "Chọn nhiệm vụ cụ thể theo chuyên đề năm: thái độ phục vụ, y đức, tỉ lệ tham gia bảo hiểm "
        "y tế, diệt lăng quăng.",
        [("Tỉ lệ tham gia bảo hiểm y tế", "92,1%")],
        ["Y đức"],
        False,
        PENDING,
        "Mô hình đang chờ Ban Thường vụ duyệt công khai.",
        [],
        ["Buổi truyền thông y tế"],
    ),
    (
        M,
        "Bồi dưỡng học sinh giỏi, phụ đạo học sinh yếu",
        GIAO_DUC,
        "Giáo dục",
        (2019, 2020),
        "Giáo viên đăng ký làm theo Bác bằng việc đổi mới phương pháp giảng dạy và giúp học sinh "
        "có hoàn cảnh khó khăn.",
        [("Học sinh được phụ đạo", "640")],
        ["Khuyến học"],
        False,
        DRAFT,
        "Bản nháp, đang bổ sung số liệu.",
        [],
        ["Lớp phụ đạo buổi chiều"],
    ),
    (
        M,
        "Một cửa thân thiện",
        THUE,
        "Hành chính",
        (2019, 2021),
        "Hỗ trợ người dân và doanh nghiệp giải quyết thủ tục hành chính, chấp hành giờ giấc.",
        [("Hồ sơ đúng hạn", "99,6%")],
        ["Cải cách hành chính", "Phục vụ nhân dân"],
        False,
        PUB,
        "Bộ phận một cửa công khai số điện thoại của lãnh đạo để người dân phản ánh.",
        [],
        ["Bộ phận một cửa", "Người dân nộp hồ sơ"],
    ),
    # Điển hình cá nhân
    (
        P,
        "Bưu tá Nguyễn Đức Tuấn",
        BD_TP,
        "Bưu chính, viễn thông",
        (2020, 2021),
        "Hơn 10 năm đưa thư, đưa báo, chi trả lương hưu tận nhà ở các thôn vùng ven thành phố.",
        [("Bưu phẩm phát mỗi năm", "26.000"), ("Khiếu nại", "0")],
        ["Bưu tá tận tụy", "Phục vụ nhân dân"],
        True,
        PUB,
        "Anh là gương mặt tiêu biểu của mô hình “Bưu tá tận tụy” ở thôn Hoàng Thượng, xã Hoàng Đồng.",
        [],
        ["Anh Tuấn trên đường phát bưu phẩm", "Trao bưu phẩm cho người dân"],
    ),
    (
        P,
        "Điều dưỡng Hoàng Thị Lan",
        Y_TE,
        "Y tế",
        (2018, 2018),
        "Tận tụy với người bệnh, nhiều năm liền hoàn thành xuất sắc nhiệm vụ.",
        [("Năm hoàn thành xuất sắc nhiệm vụ", "5")],
        ["Y đức"],
        False,
        PUB,
        "Chị luôn dặn dò người bệnh trước khi ra viện, xin số điện thoại để hỏi thăm.",
        [],
        ["Chị Lan chăm sóc người bệnh"],
    ),
    (
        P,
        "Cô giáo Lương Thị Hạnh",
        GIAO_DUC,
        "Giáo dục",
        (2019, 2021),
        "Gieo chữ ở điểm trường vùng cao, vận động học sinh bỏ học trở lại lớp.",
        [("Học sinh được vận động trở lại lớp", "37")],
        ["Khuyến học", "Vùng cao"],
        True,
        PUB,
        "Cô tự bỏ tiền mua sách vở cho học sinh có hoàn cảnh khó khăn.",
        [],
        ["Cô Hạnh và học trò", "Điểm trường vùng cao", "Giờ học ngoài trời"],
    ),
    (
        P,
        "Thẩm phán Vi Văn Cường",
        TOA_AN,
        "Tư pháp",
        (2021, 2021),
        "Giải quyết án đúng hạn, không có án bị hủy, sửa do lỗi chủ quan.",
        [("Vụ án giải quyết", "184"), ("Án bị hủy do lỗi chủ quan", "0")],
        ["Tư pháp"],
        False,
        PUB,
        "Đồng chí tích cực tham gia sinh hoạt chuyên đề trực tuyến của Tòa án hai cấp.",
        [],
        ["Thẩm phán tại phiên tòa"],
    ),
    (
        P,
        "Kiểm sát viên Nông Thị Mai",
        VKS,
        "Tư pháp",
        (2017, 2017),
        "Công tâm, bản lĩnh; nhiều sáng kiến trong kiểm sát hoạt động tư pháp.",
        [("Sáng kiến được công nhận", "3")],
        ["Tư pháp", "Sáng kiến"],
        False,
        PUB,
        "Đồng chí là tấm gương “vững về chính trị, giỏi về nghiệp vụ”.",
        [],
        ["Kiểm sát viên Nông Thị Mai"],
    ),
    (
        P,
        "Cán bộ thuế Đinh Quang Huy",
        THUE,
        "Hành chính",
        (2016, 2016),
        "Trực đường dây nóng “Điện thoại cải cách hành chính”, tận tình giải đáp người nộp thuế.",
        [("Cuộc gọi giải đáp", "2.300")],
        ["Cải cách hành chính"],
        False,
        PUB,
        "Anh lập sổ tay các câu hỏi thường gặp để đồng nghiệp dùng chung.",
        [],
        ["Anh Huy trực tổng đài hỗ trợ"],
    ),
    (
        P,
        "Chấp hành viên Lăng Văn Phúc",
        THA,
        "Tư pháp",
        (2020, 2021),
        "Kiên trì vận động đương sự tự nguyện thi hành án tại xã điểm.",
        [("Việc thi hành xong", "61")],
        ["Án tồn đọng", "Dân vận khéo"],
        False,
        PUB,
        "Đồng chí nhiều lần đến tận nhà đương sự, cùng trưởng thôn thuyết phục.",
        [],
        ["Chấp hành viên làm việc tại thôn"],
    ),
    (
        P,
        "Cựu chiến binh Hà Văn Sơn",
        CCB,
        "Môi trường",
        (2015, 2015),
        "Tổ trưởng tổ tự quản đường hoa, gương mẫu ra quân mỗi sáng chủ nhật.",
        [("Mét đường hoa tự quản", "1.800")],
        ["Cựu chiến binh", "Môi trường"],
        False,
        PUB,
        "Ông vận động cả khu phố cùng trồng và chăm sóc hoa.",
        [],
        ["Ông Sơn chăm sóc đường hoa", "Tổ tự quản ra quân"],
    ),
    (
        P,
        "Bí thư chi đoàn Trần Minh Khoa",
        TINH_DOAN,
        "Dân vận",
        (2021, 2021),
        "Tiên phong trong mô hình “6 cộng 1”, tổ chức nhiều công trình thanh niên.",
        [("Công trình thanh niên", "7")],
        ["Thanh niên"],
        False,
        DRAFT,
        "Bản nháp.",
        [],
        ["Anh Khoa cùng đoàn viên"],
    ),
    (
        P,
        "Kế toán Triệu Thị Thu",
        KHO_BAC,
        "Tài chính, ngân hàng",
        (2018, 2018),
        "Kiểm soát chi chặt chẽ, tận tình hướng dẫn đơn vị giao dịch.",
        [("Hồ sơ kiểm soát chi", "9.800"), ("Sai sót", "0")],
        ["Kỷ luật, kỷ cương"],
        False,
        PUB,
        "Chị luôn trả lời đơn vị giao dịch trong ngày.",
        [],
        ["Chị Thu tại quầy giao dịch"],
    ),
    (
        P,
        "Bưu tá Lộc Văn Thắng",
        BD_CL,
        "Bưu chính, viễn thông",
        (2019, 2019),
        "Đưa thư đến các bản xa ở huyện Cao Lộc, kể cả ngày mưa lũ.",
        [("Bản được phục vụ", "23")],
        ["Bưu tá tận tụy", "Vùng cao"],
        False,
        PUB,
        "Anh thuộc tên từng hộ dân trên tuyến đường thư của mình.",
        [],
        ["Anh Thắng trên tuyến thư", "Phát báo cho nhà văn hóa thôn"],
    ),
    (
        P,
        "Bác sĩ Phạm Quang Vinh",
        VP_YT,
        "Y tế",
        (2021, 2021),
        "Tình nguyện tham gia tuyến đầu phòng, chống dịch, khám bệnh miễn phí cho người nghèo.",
        [("Lượt khám miễn phí", "1.450")],
        ["Y đức", "Phục vụ nhân dân"],
        True,
        PUB,
        "Đồng chí được Ban Thường vụ Đảng ủy Khối tặng giấy khen năm 2021.",
        [],
        ["Bác sĩ Vinh khám cho người cao tuổi", "Đội tình nguyện y tế"],
    ),
    (
        P,
        "Giao dịch viên Hoàng Thu Trang",
        BIDV,
        "Tài chính, ngân hàng",
        (2020, 2020),
        "Đạt giải nhất cuộc thi tìm hiểu Bộ quy chuẩn đạo đức nghề nghiệp.",
        [("Điểm hài lòng của khách hàng", "4,9/5")],
        ["Đạo đức nghề nghiệp"],
        False,
        PUB,
        "Chị được đồng nghiệp gọi là “giao dịch viên nụ cười”.",
        [],
        ["Chị Trang tại quầy"],
    ),
    # Điển hình tập thể
    (
        T,
        "Tập thể Đảng bộ Tòa án nhân dân tỉnh",
        TOA_AN,
        "Tư pháp",
        (2021, 2021),
        "Nhận bằng khen của Chủ tịch UBND tỉnh tại Hội nghị sơ kết 05 năm thực hiện Chỉ thị số "
        "05-CT/TW.",
        [("Bằng khen của Chủ tịch UBND tỉnh", "1"), ("Đảng viên", "93")],
        ["Chỉ thị 05", "Tư pháp"],
        True,
        PUB,
        "Đại diện tập thể Đảng bộ Tòa án nhân dân tỉnh nhận bằng khen tại Hội nghị cấp tỉnh.",
        [],
        ["Nhận bằng khen tại Hội nghị sơ kết", "Tập thể Đảng bộ Tòa án", "Phiên tòa trực tuyến"],
    ),
    (
        T,
        "Chi bộ Bưu điện huyện Cao Lộc",
        BD_CL,
        "Bưu chính, viễn thông",
        (2019, 2019),
        "Chi bộ trong sạch, vững mạnh tiêu biểu; 100% đảng viên đăng ký làm theo Bác.",
        [("Đảng viên đăng ký làm theo", "21/21")],
        ["Sinh hoạt chi bộ"],
        False,
        PUB,
        "Chi bộ nhân rộng mô hình “Bưu tá tận tụy” ra toàn huyện.",
        [],
        ["Sinh hoạt chi bộ", "Tập thể chi bộ"],
    ),
    (
        T,
        "Chi bộ Cục Thi hành án dân sự",
        THA,
        "Tư pháp",
        (2021, 2021),
        "Vượt chỉ tiêu thi hành án về việc và về tiền nhờ mô hình xã điểm.",
        [("Tỉ lệ thi hành xong về việc", "86,2%")],
        ["Án tồn đọng"],
        False,
        PUB,
        "Tập thể được biểu dương vào dịp kỷ niệm ngày sinh nhật Bác 19/5.",
        [],
        ["Tập thể chi bộ Cục Thi hành án"],
    ),
    (
        T,
        "Đoàn Thanh niên Khối các cơ quan tỉnh",
        TINH_DOAN,
        "An sinh xã hội",
        (2013, 2013),
        "Xây dựng 16 căn nhà nhân ái, 37 công trình thanh niên, ủng hộ Trường Sa hơn 300 triệu đồng.",
        [
            ("Nhà nhân ái", "16"),
            ("Công trình thanh niên", "37"),
            ("Ủng hộ Trường Sa", "hơn 300 triệu đồng"),
        ],
        ["Thanh niên", "An sinh xã hội"],
        True,
        PUB,
        "Đoàn ủy khối tổ chức nhiều hoạt động vì cộng đồng.",
        [],
        ["Bàn giao nhà nhân ái", "Đoàn viên ủng hộ Trường Sa", "Công trình thanh niên"],
    ),
    (
        T,
        "Tập thể Đảng bộ Cục Hải quan",
        HAI_QUAN,
        "Hành chính",
        (2021, 2021),
        "Đơn vị điểm xây dựng phòng tuyên truyền giáo dục - truyền thống.",
        [("Đảng viên", "117")],
        ["Phòng truyền thống"],
        False,
        PUB,
        "Tập thể thực hiện quy chế tiết kiệm triệt để và cải cách thủ tục hải quan.",
        [],
        ["Tập thể Cục Hải quan"],
    ),
    (
        T,
        "Chi bộ Ban Tuyên giáo Tỉnh ủy",
        TUYEN_GIAO,
        "Tuyên truyền",
        (2020, 2021),
        "Biên tập kỷ yếu “Những bông hoa đẹp trong vườn hoa làm theo lời Bác”.",
        [("Gương điển hình được giới thiệu", "106")],
        ["Kỷ yếu", "Tuyên truyền"],
        True,
        PUB,
        "Chi bộ duy trì trình chiếu tóm tắt thành tích của 106 lượt gương điển hình tiên tiến trên "
        "trang thông tin điện tử.",
        [],
        ["Kỷ yếu “Những bông hoa đẹp”", "Trình chiếu gương điển hình"],
    ),
    (
        T,
        "Đảng bộ Sở Y tế",
        Y_TE,
        "Y tế",
        (2020, 2021),
        "Tập thể tiêu biểu trong phòng, chống dịch và xây dựng cơ sở y tế thân thiện.",
        [("Đảng viên", "212"), ("Cơ sở y tế thân thiện", "23")],
        ["Y đức", "Chỉ thị 05"],
        False,
        PENDING,
        "Hồ sơ đề nghị biểu dương đang chờ duyệt.",
        [],
        ["Tập thể Đảng bộ Sở Y tế"],
    ),
]

PALETTES = {
    RecordKind.MODEL: ((166, 20, 32), (214, 92, 40)),
    RecordKind.INDIVIDUAL: ((22, 74, 120), (48, 140, 170)),
    RecordKind.COLLECTIVE: ((28, 102, 62), (120, 160, 60)),
}


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def poster(*, name: str, unit: str, years: str, caption: str, kind: str, variant: int) -> bytes:
    """A simple poster: gradient, a sun with rays, the name, unit and years. JPEG bytes."""
    width, height = POSTER_SIZE
    top, bottom = PALETTES.get(kind, PALETTES[RecordKind.MODEL])
    rng = random.Random(f"{name}-{variant}")
    shift = variant * 18
    top = tuple(min(255, c + shift) for c in top)
    image = Image.new("RGB", POSTER_SIZE, top)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 4):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.rectangle([0, y, width, y + 4], fill=colour)
    # The words sit in a band at the top: the slideshow and the cards put their own caption at the
    # bottom, and the two must not overlap.
    big = ImageFont.truetype(str(FONT_BOLD), 40)
    small = ImageFont.truetype(str(FONT), 24)
    lines = _wrap(draw, name, big, width - 2 * MARGIN)[:3]
    details = _wrap(draw, f"{unit} · {years}", small, width - 2 * MARGIN)[:2]
    band = 36 + 50 * len(lines) + 30 * len(details) + 70
    cx, cy = rng.randint(400, 620), rng.randint(band + 90, band + 170)
    for ray in range(18):
        angle = ray * math.pi / 9 + variant
        draw.line(
            [cx, cy, cx + 900 * math.cos(angle), cy + 900 * math.sin(angle)],
            fill=(255, 220, 120),
            width=3,
        )
    draw.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], fill=(255, 214, 90))
    for _ in range(6):  # a few soft hills or figures
        x = rng.randint(-100, width)
        r = rng.randint(80, 200)
        draw.ellipse(
            [x, height - r // 2, x + 2 * r, height + r], fill=tuple(max(0, c - 30) for c in bottom)
        )
    overlay = Image.new("L", POSTER_SIZE, 0)
    ImageDraw.Draw(overlay).rectangle([0, 0, width, band], fill=150)
    image.paste((20, 12, 8), mask=overlay)
    y = 30
    for line in lines:
        draw.text((MARGIN, y), line, font=big, fill=(255, 255, 255))
        y += 50
    for line in details:
        draw.text((MARGIN, y + 8), line, font=small, fill=(255, 230, 160))
        y += 30
    caption_lines = _wrap(draw, caption, small, width - 2 * MARGIN - 30)
    line = caption_lines[0] + ("…" if len(caption_lines) > 1 else "") if caption_lines else ""
    draw.text((MARGIN, y + 16), line, font=small, fill=(235, 235, 235))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def seed(*, session: Session, settings: Settings) -> None:
    if session.exec(select(CatalogueRecord.id).limit(1)).first() is not None:
        return
    units = {u.name: u.id for u in session.exec(select(Unit)).all()}
    if BUU_DIEN not in units:
        return  # the demo unit tree is not there: nothing to attach records to
    for kind, name, unit, field, (
        y1,
        y2,
    ), summary, figures, tags, featured, status, story, replications, captions in RECORDS:
        body = (
            f"## {name}\n\n{summary}\n\n{story}\n\n"
            f"### Cách làm\n\n- Cấp ủy xác định nội dung đột phá, giao việc cụ thể cho từng "
            f"đảng viên.\n- Kết quả được kiểm điểm trong sinh hoạt chi bộ hằng tháng, sơ kết "
            f"cuối tháng 6 và tổng kết cuối năm.\n\n### Bài học\n\n**Nói đi đôi với làm**: "
            f"mỗi việc làm theo Bác đều gắn với nhiệm vụ chính trị của {unit}."
        )
        record = catalogue.create_record(
            session=session,
            actor=SYSTEM,
            record_in=CatalogueRecordCreate(
                kind=kind,
                name=name,
                unit_id=units[unit],
                field=field,
                year_from=y1,
                year_to=y2,
                theme=THEMES.get(y2, ""),
                summary=summary,
                story=body,
                figures=[{"label": label, "value": value} for label, value in figures],
                tags=tags,
                featured=featured,
                status=status,
            ),
        )
        years = catalogue.years_label(y1, y2)
        uploads = [
            (
                f"IMG_{record.id:03d}_{index + 1}.jpg",
                poster(
                    name=name, unit=unit, years=years, caption=caption, kind=kind, variant=index
                ),
            )
            for index, caption in enumerate(captions[:4])
        ]
        photos.add_photos(
            session=session,
            record_id=record.id,
            uploads=uploads,
            captions=list(captions[:4]),
            media_dir=settings.media_dir,
            actor=SYSTEM,
        )
        for replica_unit, year in replications:
            replication.add_replication(
                session=session,
                record_id=record.id,
                actor=SYSTEM,
                replication_in=CatalogueReplicationCreate(unit_id=units[replica_unit], year=year),
            )
