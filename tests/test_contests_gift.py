"""The GIFT reader against Moodle's own fixture files (tests/moodle_gift, copied from moodle/moodle)
and against broken files.

The expected values are what Moodle's `qformat_gift::readquestion` produces for each question
(see question/format/gift/format.php and tests/giftformat_test.php in Moodle): type, text, name,
answers with their fractions and feedback, general feedback, category. Texts are as the engine
stores them: plain text, so `[html]` markup is reduced to its words; Moodle keeps the HTML.
Types the engine cannot take are listed as skipped with their line and Moodle type.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import func, select

from models.contests import Question, QuestionCategory
from services.capabilities import SYSTEM
from services.contests import excel as io_svc
from services.contests import questions
from services.errors import UserError

DATA = Path(__file__).parent / "moodle_gift"
GRANT = "Who's buried in Grant's tomb?"
TOMB = "Grant is _____ in Grant's tomb."
BURIED = "Grant is buried in Grant's tomb."
THANKS = "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November."
SPECTRUM = "What's between orange and green in the spectrum?"
PI = "What is the value of pi (to 3 decimal places)? _____."
GRANT_BORN = "When was Ulysses S. Grant born?"
TWO = "What two people are entombed in Grant's tomb?"

# (line, Moodle qtype, text, name, answers [(text, fraction, feedback)], general feedback,
#  category). For true/false the answers are [("Đúng"|"Sai", fraction, feedback)], where Moodle
# has correctanswer with feedbacktrue / feedbackfalse.
QUESTIONS = [
    (2, "essay", "How are you?", "Q8", None, "", ""),
    (5, "match", "Match the activity to the description.", "Moodle activities", None, "", ""),
    (
        14,
        "multichoice",
        SPECTRUM,
        "Q2",
        [
            ("yellow", 1, "right; good!"),
            ("red", 0, "wrong, it's yellow"),
            ("blue", 0, "wrong, it's yellow"),
        ],
        "",
        "",
    ),
    (
        22,
        "multichoice_multi",
        SPECTRUM,
        "colours",
        [
            ("yellow", 0.5, "right; good!"),
            ("red", -1, "wrong"),
            ("off-beige", 0.5, "right; good!"),
            ("blue", -1, "wrong"),
        ],
        "",
        "",
    ),
    (31, "numerical", 'What is a number from 1 to 5? _____";', "Q5", None, "", ""),
    (34, "shortanswer", "Which is the best animal?", "Shortanswer", None, "", ""),
    (
        41,
        "truefalse",
        '42 is the Absolute Answer to everything._____";',
        "Q1",
        [("Đúng", 0, "42 is the Ultimate Answer."), ("Sai", 1, "You gave the right answer.")],
        "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
        "",
    ),
    (46, "truefalse", "TSL is blablabla.", "2-08 TSL", [("Đúng", 1, ""), ("Sai", 0, "")], "", ""),
    (49, "truefalse", "TSL is blablabla.", "2-08 TSL", [("Đúng", 1, ""), ("Sai", 0, "")], "", ""),
]
CAT = "Default for New Features"
IN_CATEGORY = [
    (5, "match", "Match the activity to the description.", "Moodle activities", None, "", CAT),
    (
        14,
        "multichoice",
        "Listen to this greeting: What language is being spoken?",
        "Greeting",
        [
            ("English", 0, "Sorry, listen again."),
            ("French", 1, "Yes, well done!"),
            ("German", 0, "Sorry, listen again."),
            ("Spanish", 0, "Sorry, listen again."),
        ],
        "",
        CAT,
    ),
    (22, "shortanswer", "Anyone who uses Moodle is a ...", "Moodle user", None, "", CAT),
    (
        27,
        "truefalse",
        "Moodle is an acronym for Modular Object-Oriented Dynamic Learning Environment.",
        "Moodle acronym",
        [("Đúng", 1, ""), ("Sai", 0, "")],
        "",
        CAT,
    ),
]
GRANT_MC = [("Grant", 0, ""), ("Jefferson", 0, ""), ("no one", 1, "")]
TOMB_MC = [("buried", 0, ""), ("entombed", 1, ""), ("living", 0, "")]
FALSE_TF = [("Đúng", 0, ""), ("Sai", 1, "")]
THANKS_MC = [("second", 0, ""), ("third", 0, ""), ("fourth", 1, "")]
EXAMPLES = [
    (8, "multichoice", GRANT, "", GRANT_MC, "", ""),
    (10, "multichoice", TOMB, "", TOMB_MC, "", ""),
    (12, "truefalse", BURIED, "", FALSE_TF, "", ""),
    (14, "shortanswer", GRANT, "", None, "", ""),
    (16, "numerical", GRANT_BORN, "", None, "", ""),
    (25, "multichoice", GRANT, "", GRANT_MC, "", ""),
    (27, "multichoice", TOMB, "", TOMB_MC, "", ""),
    (29, "multichoice", THANKS, "", THANKS_MC, "", ""),
    (
        35,
        "multichoice",
        "Japanese characters originally came from what country?",
        "",
        [("India", 0, ""), ("China", 1, ""), ("Korea", 0, ""), ("Egypt", 0, "")],
        "",
        "",
    ),
    (43, "shortanswer", GRANT, "", None, "", ""),
    (45, "shortanswer", "Two plus two equals _____.", "", None, "", ""),
    (49, "truefalse", BURIED, "", FALSE_TF, "", ""),
    (51, "truefalse", "The sun rises in the east.", "", [("Đúng", 1, ""), ("Sai", 0, "")], "", ""),
    (55, "match", "Matching Question.", "", None, "", ""),
    (
        61,
        "match",
        "Match the following countries with their corresponding capitals.",
        "",
        None,
        "",
        "",
    ),
    (70, "numerical", GRANT_BORN, "", None, "", ""),
    (72, "numerical", PI, "", None, "", ""),
    (74, "numerical", PI, "", None, "", ""),
    (76, "numerical", GRANT_BORN, "", None, "", ""),
    (85, "numerical", "What's 2 plus 2?", "", None, "", ""),
    (
        90,
        "shortanswer",
        "Japanese characters originally came from what country?",
        "Kanji Origins",
        None,
        "",
        "",
    ),
    (93, "multichoice", THANKS, "Thanksgiving Date", THANKS_MC, "", ""),
    (
        98,
        "multichoice",
        "What's the answer to this multiple-choice question?",
        "",
        [
            ("wrong answer", 0, "feedback comment on the wrong answer"),
            ("another wrong answer", 0, "feedback comment on this wrong answer"),
            ("right answer", 1, "Very good!"),
        ],
        "",
        "",
    ),
    (103, "shortanswer", GRANT, "", None, "", ""),
    (108, "shortanswer", "Who's buried in **Grant's tomb**?", "", None, "", ""),
    (
        113,
        "truefalse",
        BURIED,
        "",
        [("Đúng", 0, "No one is buried in Grant's tomb."), ("Sai", 1, "")],
        "",
        "",
    ),
    (
        115,
        "multichoice",
        "Difficult question.",
        "",
        [("wrong answer", 0, ""), ("half credit answer", 0.5, ""), ("full credit answer", 1, "")],
        "",
        "",
    ),
    (
        117,
        "multichoice",
        "Jesus Christ was from _____.",
        "Jesus' hometown",
        [
            ("Jerusalem", 0, "This was an important city, but the wrong answer."),
            ("Bethlehem", 0.25, "He was born here, but not raised here."),
            ("Galilee", 0.5, "You need to be more specific."),
            ("Nazareth", 1, "Yes! That's right!"),
        ],
        "",
        "",
    ),
    (123, "shortanswer", "Jesus Christ was from", "Jesus' hometown", None, "", ""),
    (
        130,
        "multichoice_multi",
        TWO,
        "",
        [
            ("No one", 0, ""),
            ("Grant", 0.5, ""),
            ("Grant's wife", 0.5, ""),
            ("Grant's father", 0, ""),
        ],
        "",
        "",
    ),
    (
        136,
        "multichoice_multi",
        TWO,
        "",
        [
            ("No one", -0.5, ""),
            ("Grant", 0.5, ""),
            ("Grant's wife", 0.5, ""),
            ("Grant's father", -0.5, ""),
        ],
        "",
        "",
    ),
    (
        143,
        "multichoice",
        "Which answer equals 5?",
        "",
        [("= 2 + 2", 0, ""), ("= 2 + 3", 1, ""), ("= 2 + 4", 0, "")],
        "",
        "",
    ),
    (
        148,
        "multichoice",
        "Which of the following is NOT a control character for the GIFT import format?",
        "GIFT Control Characters",
        [
            ("~", 0, "~ is a control character."),
            ("=", 0, "= is a control character."),
            ("#", 0, "# is a control character."),
            ("{", 0, "{ is a control character."),
            ("}", 0, "} is a control character."),
            (
                "\\",
                1,
                (
                    "Correct! \\ (backslash) is not a control character. BUT, it is used to "
                    "escape the control characters. So, to specify a literal backslash, you must "
                    "escape it with a backslash (as shown in this example)."
                ),
            ),
        ],
        "",
        "",
    ),
    (167, "multichoice", GRANT, "", GRANT_MC, "", ""),
    (169, "multichoice", TOMB, "", TOMB_MC, "", ""),
    (171, "truefalse", BURIED, "", FALSE_TF, "", ""),
    (173, "shortanswer", GRANT, "", None, "", ""),
    (175, "numerical", GRANT_BORN, "", None, "", ""),
    (
        177,
        "match",
        "Match the following countries with their corresponding capitals.",
        "",
        None,
        "",
        "",
    ),
    (
        184,
        "multichoice",
        TOMB,
        "Grant's Tomb",
        [
            ("buried", 0, "No one is buried there."),
            ("entombed", 1, "Right answer!"),
            ("living", 0, "We hope not!"),
        ],
        "",
        "",
    ),
    (
        190,
        "multichoice",
        "Difficult multiple choice question.",
        "",
        [
            ("wrong answer", 0, "comment on wrong answer"),
            ("half credit answer", 0.5, "comment on answer"),
            ("full credit answer", 1, "well done!"),
        ],
        "",
        "",
    ),
    (
        195,
        "shortanswer",
        "Jesus Christ was from _____.",
        "Jesus' hometown (Short answer ex.)",
        None,
        "",
        "",
    ),
    (202, "numerical", GRANT_BORN, "Numerical example", None, "", ""),
]
ENGINE_TYPE = {"multichoice": "single", "multichoice_multi": "multiple", "truefalse": "true_false"}
SKIPPED_KIND = {
    "essay": "tự luận (essay)",
    "match": "ghép đôi (match)",
    "numerical": "câu trả lời số (numerical)",
    "shortanswer": "trả lời ngắn (shortanswer)",
}


def _fraction(option: dict, qtype: str) -> float:
    if "weight" in option:
        return option["weight"]
    return 1.0 if option["correct"] else 0.0


def _read(name: str) -> io_svc.ImportPreview:
    return io_svc.parse_file(name, (DATA / name).read_bytes())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("questions.gift.txt", QUESTIONS),
        ("questions_in_category.gift.txt", IN_CATEGORY),
        ("examples.txt", EXAMPLES),
    ],
)
def test_moodle_fixture_reads_as_moodle_does(name, expected):
    preview = _read(name)
    assert preview.errors == []
    got = {int(d.source.split()[1]): d for d in preview.drafts}
    skipped = {int(u.source.split()[1]): u for u in preview.unsupported}
    assert sorted([*got, *skipped]) == [q[0] for q in expected]
    for line, qtype, text, qname, answers, general, category in expected:
        if qtype in SKIPPED_KIND:
            assert (skipped[line].kind, skipped[line].text) == (SKIPPED_KIND[qtype], text), line
            continue
        draft = got[line]
        assert (draft.qtype, draft.text, draft.name) == (ENGINE_TYPE[qtype], text, qname), line
        assert [
            (o["text"], _fraction(o, draft.qtype), o.get("feedback", "")) for o in draft.options
        ] == [(t, float(f), fb) for t, f, fb in answers], line
        assert (draft.explanation, draft.category_path) == (general, category), line
        if draft.qtype == "multiple":  # Moodle: correct means a positive fraction
            assert [o["correct"] for o in draft.options] == [f > 0 for _, f, _ in answers]


def test_fixture_duplicates_are_listed_with_both_lines():
    preview = _read("questions.gift.txt")
    assert [(d.source, d.other) for d in preview.duplicates] == [
        ("dòng 22", "dòng 14"),
        ("dòng 49", "dòng 46"),
    ]


def test_moodle_fixture_saves_once_duplicates_are_skipped(session):
    preview = _read("questions.gift.txt")
    with pytest.raises(UserError, match="2 câu trùng"):
        io_svc.save_import(
            actor=SYSTEM, session=session, preview=preview, category_id=None, skip_unsupported=True
        )
    assert session.exec(select(func.count(Question.id))).one() == 0
    saved = io_svc.save_import(
        actor=SYSTEM,
        session=session,
        preview=preview,
        category_id=None,
        skip_unsupported=True,
        skip_duplicates=True,
    )
    assert saved == 3
    again = _read("questions.gift.txt")
    io_svc.mark_bank_duplicates(session=session, preview=again, category_id=None)
    assert sorted(d.source for d in again.duplicates if d.other == "ngân hàng") == [
        "dòng 14",
        "dòng 22",
        "dòng 41",
        "dòng 46",
        "dòng 49",
    ]


# Broken files: (content, the errors, exactly).
BROKEN = [
    (
        "Câu một? {=A ~B}\n\nCâu hai chưa đóng? {=A ~B\n\nCâu ba? {=C ~D}\n",
        [
            (
                "Dòng 3: dấu “{” mở phần đáp án chưa được đóng bằng “}” (mỗi câu hỏi phải đóng ngoặc "
                "trước dòng trống kế tiếp)."
            )
        ],
    ),
    (
        "Câu một? {=A ~B}\n\nCâu có\ndấu } lạc\n",
        ["Dòng 4: có dấu “}” mà không có dấu “{” mở trước nó (muốn viết chữ “}” thì gõ “\\}”)."],
    ),
    (
        "// chú thích\nCâu không có đáp án\n",
        ["Dòng 2: câu hỏi không có phần đáp án trong ngoặc nhọn {…}."],
    ),
    (
        "Câu một? {=A ~B}\nCâu hai? {=C ~D}\n",
        [
            (
                "Dòng 2: có thêm dấu “{” sau phần đáp án của câu hỏi ở dòng 1; mỗi câu hỏi phải cách "
                "câu sau bằng một dòng trống (muốn viết chữ “{” hay “}” thì gõ “\\{”, “\\}”)."
            )
        ],
    ),
    ("Một phương án? {~A}\n", ["Dòng 1: câu trắc nghiệm cần ít nhất 2 phương án (đang có 1)."]),
    ("Trùng phương án? {=A ~A}\n", ["Dòng 1: có hai phương án trùng nhau."]),
    ("", ["Tệp không có câu hỏi nào."]),
    ("// chỉ có chú thích\n\n\n", ["Tệp không có câu hỏi nào."]),
]


@pytest.mark.parametrize(("content", "errors"), BROKEN)
def test_broken_gift_names_the_line(content, errors):
    assert io_svc.parse_gift(content).errors == errors


def test_broken_gift_is_refused_whole(session):
    cat = questions.create_category(actor=SYSTEM, session=session, name="Nhập thử").id
    before = session.exec(select(func.count(QuestionCategory.id))).one()
    preview = io_svc.parse_file(
        "hong.gift", "$CATEGORY: Mới\n\nTốt? {=A ~B}\n\nHỏng? {=A ~B\n".encode()
    )
    with pytest.raises(UserError, match="1 lỗi"):
        io_svc.save_import(actor=SYSTEM, session=session, preview=preview, category_id=cat)
    assert session.exec(select(func.count(Question.id))).one() == 0
    assert session.exec(select(func.count(QuestionCategory.id))).one() == before


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_and_bom(newline):
    content = "\ufeff" + newline.join(
        ["// đầu tệp", "Câu một? {=A ~B}", "", "Câu hai? {T}", "", "Câu ba hỏng? {=A"]
    )
    preview = io_svc.parse_file("x.gift", content.encode("utf-8"))
    assert [(d.source, d.text) for d in preview.drafts] == [
        ("dòng 2", "Câu một?"),
        ("dòng 4", "Câu hai?"),
    ]
    assert preview.errors[0].startswith("Dòng 6: dấu “{”")


@pytest.mark.parametrize(
    ("content", "text", "options"),
    [
        # Only [html] text is HTML; elsewhere < and > are just characters.
        (
            "Nếu a < b và b > c thì? {=a < c ~a > c}",
            "Nếu a < b và b > c thì?",
            [("a < c", True), ("a > c", False)],
        ),
        (
            "[html]<p>Xin chào</p><p>Bạn</p> có <b>khỏe</b> không? {T}",
            "Xin chào Bạn có khỏe không?",
            [("Đúng", True), ("Sai", False)],
        ),
        # -> inside a multiple-choice option is text, not matching.
        ("Mũi tên? {=a -> b ~c}", "Mũi tên?", [("a -> b", True), ("c", False)]),
    ],
)
def test_text_is_kept(content, text, options):
    preview = io_svc.parse_gift(content)
    assert preview.errors == [] and preview.unsupported == []
    draft = preview.drafts[0]
    assert draft.text == text
    assert [(o["text"], o["correct"]) for o in draft.options] == options


@pytest.mark.parametrize(
    ("body", "qtype", "fractions"),
    [
        ("~sai ~%50%nửa =đủ", "single", [0, 0.5, 1]),
        ("=đúng ~sai ~sai2", "single", [1, 0, 0]),
        ("~%50%a ~%50%b ~c", "multiple", [0.5, 0.5, 0]),
        ("~%50%a ~%50%b ~%-100%c", "multiple", [0.5, 0.5, -1]),
        (
            "~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d",
            "multiple",
            [0.3333333, 0.3333333, 0.3333333, -1],
        ),
        ("~%100%a ~b", "multiple", [1, 0]),
    ],
)
def test_fractions_match_moodle(body, qtype, fractions):
    draft = io_svc.parse_gift("Câu? {" + body + "}").drafts[0]
    assert draft.qtype == qtype
    assert [_fraction(o, draft.qtype) for o in draft.options] == pytest.approx(fractions)


@pytest.mark.parametrize(
    ("body", "scores"),
    [
        # Moodle: a one-choice question earns the chosen answer's fraction.
        ("~sai ~%50%nửa =đủ", [0, 0.5, 1]),
        # Several full-credit answers to one choice (Moodle takes them; we did not).
        ("=đúng ~sai =cũng đúng", [1, 0, 1]),
        (
            "=đúng ~%-50%sai hẳn ~sai",
            [1, 0, 0],
        ),  # a negative fraction never takes the score below 0
    ],
)
def test_one_choice_questions_score_as_moodle(body, scores):
    from services.contests.grading import grade_item

    preview = io_svc.parse_gift("Câu? {" + body + "}")
    assert preview.errors == []
    draft = preview.drafts[0]
    assert draft.qtype == "single"
    assert [
        grade_item(draft.qtype, draft.options, [i]) for i in range(len(draft.options))
    ] == pytest.approx(scores)


def test_a_one_choice_question_with_two_right_answers_is_saved(session):
    preview = io_svc.parse_gift("Ai? {=Một ~Hai =Ba}")
    assert preview.errors == [] and len(preview.drafts) == 1
    io_svc.save_import(actor=SYSTEM, session=session, preview=preview, category_id=None)
    stored = session.exec(select(Question)).all()[-1]
    assert [o["correct"] for o in stored.options] == [True, False, True]
