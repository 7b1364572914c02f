"""Benchmark of the catalogue gallery (a benchmark, not a timed test).

    uv run python benchmarks/catalogue_gallery.py                 # 10,000 records, 30,000 photos
    uv run python benchmarks/catalogue_gallery.py --sizes 1000 10000 100000

For each size it builds a fresh SQLite database (migrated by Alembic, demo units), fills it in bulk
with records and three photos each, then measures:

- the median server time of one filtered gallery page through the real page script (AppTest runs
  streamlit_app.py → pages/catalogue_gallery.py: login check, filters from the URL, SQL query,
  24 cards rendered), with the facet cache warm (5 minutes) as it is for nearly every visitor;
- the median time of the SQL part alone (count + page + covers) for a few typical filters;
- the weight of the images of a 24-card page: the 640×480 cards every screen loads (the 320-px
  square thumbnails are only for lists), for photo-like pictures run through the real pipeline.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter
from sqlalchemy import insert

from models.catalogue import (
    CataloguePhoto,
    CatalogueRecord,
    CatalogueTag,
    CatalogueWord,
)
from models.db import make_engine, session_scope
from services import media
from services.capabilities import as_role
from services.catalogue import gallery
from services.catalogue.gallery import GalleryQuery
from services.catalogue.search_index import search_words, sort_key_for, tag_key
from services.database import upgrade_to_head
from services.demo import units_accounts
from services.settings import load_settings
from services.vi import unaccent

WORDS = (
    "Bưu tá tận tụy",
    "Khu phố hiếu học",
    "Điện thoại cải cách hành chính",
    "Xã điểm",
    "Cựu chiến binh tự quản",
    "Bưu điện văn hóa xã",
    "Dân vận khéo",
    "Một cửa thân thiện",
    "Y đức",
    "Tiết kiệm",
    "Sổ tay làm theo Bác",
    "Đường hoa",
    "Nhà nghĩa tình",
    "Thanh niên tình nguyện",
    "Khuyến học",
    "Chuyển đổi số",
)
PLACES = ("Hoàng Đồng", "Nà Sa", "Cao Lộc", "Thắng Tam", "Pleiku", "Chi Lăng", "Đồng Xoài")
FIELDS = (
    "Giáo dục",
    "Y tế",
    "Hành chính",
    "Tư pháp",
    "Dân vận",
    "Kinh tế",
    "Môi trường",
    "Bưu chính, viễn thông",
    "An sinh xã hội",
    "Tuyên truyền",
)
TAGS = (
    "Dân vận khéo",
    "Phục vụ nhân dân",
    "Khuyến học",
    "Cải cách hành chính",
    "Thanh niên",
    "Y đức",
    "Chuyển đổi số",
    "Môi trường",
    "Tiết kiệm",
    "Án tồn đọng",
)
KINDS = ("mo_hinh", "ca_nhan", "tap_the")
PHOTOS_PER_RECORD = 3


def photo_like(seed: int, size=(2400, 1800)) -> bytes:
    """A picture with the texture of a photo (gradients, shapes, grain): compresses like one."""
    rng = random.Random(seed)
    small = Image.new("RGB", (48, 36))
    small.putdata(
        [(rng.randint(40, 220), rng.randint(40, 220), rng.randint(40, 220)) for _ in range(48 * 36)]
    )
    image = small.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(20, 300)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 28).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def build(size: int, workdir: Path, stored: list[media.StoredImage]):
    data_dir = workdir / f"n{size}"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    settings = load_settings(
        env={
            "DATA_DIR": str(data_dir),
            "DEMO_MODE": "0",
            "SECRET_KEY": "khoa-do-hieu-nang-du-dai-32-ky-tu-nhe",
        },
        secrets_path=data_dir / "none.toml",
    )
    engine = make_engine(settings.database_url)
    upgrade_to_head(engine)
    with session_scope(engine) as session:
        units_accounts.seed(session=session, settings=settings)
    with session_scope(engine) as session:
        from sqlmodel import select

        from models.accounts import Unit

        unit_ids = list(session.exec(select(Unit.id)).all())
        unit_names = dict(session.exec(select(Unit.id, Unit.name)).all())
    rng = random.Random(size)
    records, photos, tags, words = [], [], [], []
    photo_id = 1
    for record_id in range(1, size + 1):
        name = f"{rng.choice(WORDS)} {rng.choice(PLACES)} {record_id}"
        unit_id = rng.choice(unit_ids)
        field = rng.choice(FIELDS)
        year_from = rng.randint(2010, 2024)
        year_to = min(2025, year_from + rng.choice((0, 0, 1, 2, 5)))
        chosen_tags = rng.sample(TAGS, 2)
        summary = f"Mô hình {name.lower()} của {unit_names[unit_id]}, lĩnh vực {field.lower()}."
        parts = [name, unit_names[unit_id], field, " ".join(chosen_tags), "", summary]
        status = "cong_khai" if rng.random() < 0.9 else rng.choice(("nhap", "cho_duyet"))
        records.append(
            dict(
                id=record_id,
                kind=rng.choice(KINDS),
                name=name,
                unit_id=unit_id,
                field=field,
                year_from=year_from,
                year_to=year_to,
                theme="",
                summary=summary,
                story="",
                figures=[],
                tags=chosen_tags,
                featured=rng.random() < 0.05,
                status=status,
                search_text=search_words(" ".join(parts)),
                search_exact="\n".join(p.lower() for p in parts if p),
                sort_key=sort_key_for(name),
            )
        )
        words.extend(
            {"record_id": record_id, "word": w[:64]}
            for w in set(records[-1]["search_text"].split())
        )
        for tag in chosen_tags:
            tags.append(dict(record_id=record_id, key=tag_key(tag), label=tag))
        for position in range(PHOTOS_PER_RECORD):
            picture = stored[(record_id + position) % len(stored)]
            photos.append(
                dict(
                    id=photo_id,
                    record_id=record_id,
                    caption=f"Ảnh {position + 1}",
                    position=position,
                    is_cover=position == 0,
                    original_name="IMG.jpg",
                    content_hash=picture.content_hash,
                    width=picture.width,
                    height=picture.height,
                    thumb_path=picture.thumb,
                    card_path=picture.card,
                    large_path=picture.large,
                )
            )
            photo_id += 1
    with engine.begin() as connection:
        for table, rows in (
            (CatalogueRecord, records),
            (CatalogueTag, tags),
            (CataloguePhoto, photos),
            (CatalogueWord, words),
        ):
            for start in range(0, len(rows), 20_000):
                connection.execute(insert(table.__table__), rows[start : start + 20_000])
        connection.exec_driver_sql("ANALYZE")
    return settings, engine


def median_ms(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_time(settings, engine, query: dict, repeat: int) -> float:
    """Median server time of the gallery page script, through the router, logged in."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests import fixtures
    from ui.auth import AUTH_TOKEN

    os.environ.update(
        {
            "DATABASE_URL": settings.database_url,
            "DATA_DIR": str(settings.data_dir),
            "MEDIA_DIR": str(settings.media_dir),
            "SECRET_KEY": settings.secret_key,
            "DEMO_MODE": "0",
        }
    )
    os.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    token = fixtures.login_token(engine, "lanhdao_do", "leader")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.session_state[AUTH_TOKEN] = token
    at.run()
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/catalogue_gallery.py").run()
    assert not at.exception, at.exception
    cards = sum('class="gs-card"' in m.value for m in at.markdown)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    assert not at.exception, at.exception
    return statistics.median(times), cards


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="gs-bench-"))
    media_dir = workdir / "media"
    print("Ảnh mẫu: 32 ảnh kiểu ảnh chụp 2400×1800 qua pipeline … ", end="", flush=True)
    originals = [photo_like(i) for i in range(32)]
    start = time.perf_counter()
    stored = [
        media.process_image(data=data, file_name=f"p{i}.jpg", media_dir=media_dir)
        for i, data in enumerate(originals)
    ]
    print(f"{(time.perf_counter() - start) * 1000 / 32:.0f} ms/ảnh (kiểm tra, xoay, 3 cỡ WebP)")
    thumbs = sorted((media_dir / s.thumb).stat().st_size for s in stored)
    cards = sorted((media_dir / s.card).stat().st_size for s in stored)
    larges = sorted((media_dir / s.large).stat().st_size for s in stored)
    page_thumbs = sum(thumbs[-24:]) / 1024  # the heaviest 24: a worst case
    page_cards = sum(cards[-24:]) / 1024
    print(
        f"Trang 24 thẻ (24 ảnh nặng nhất): card 640 px {page_cards:.0f} KB (thumbnail "
        f"320 px cho danh sách: {page_thumbs:.0f} KB); trung bình large 1920 px "
        f"{statistics.mean(larges) / 1024:.0f} KB"
    )
    filters = {
        "lọc loại + đơn vị (gồm trực thuộc) + năm": dict(kind="mo_hinh", unit=None, year=2018),
        "tìm không dấu “hieu hoc”": dict(q="hieu hoc"),
        "từ khóa, sắp theo tên": dict(tag="khuyen hoc", sort="ten"),
        "không lọc, trang 50": dict(page=50),
    }
    print()
    print(f"{'hồ sơ':>8} {'ảnh':>8}  {'truy vấn':<42} {'SQL ms':>7} {'trang ms':>9} {'thẻ':>4}")
    for size in args.sizes:
        settings, engine = build(size, workdir, stored)
        settings = settings.with_overrides(media_dir=media_dir)
        with session_scope(engine) as session:
            from sqlmodel import select

            from models.accounts import Unit

            post = session.exec(select(Unit.id).where(Unit.name == "Đảng bộ Bưu điện tỉnh")).one()
        for label, spec in filters.items():
            spec = dict(spec)
            if "unit" in spec:
                spec["unit"] = post
            query = GalleryQuery(
                text=spec.get("q", ""),
                kind=spec.get("kind"),
                unit_id=spec.get("unit"),
                year=spec.get("year"),
                tag=spec.get("tag"),
                sort=spec.get("sort", gallery.SORT_NEWEST),
                page=spec.get("page", 1),
            )

            def sql(query=query, engine=engine):
                with session_scope(engine) as session:
                    gallery.search_gallery(session=session, query=query, actor=as_role("leader"))

            sql_ms = median_ms(sql, args.repeat)
            url = {k: str(v) for k, v in spec.items()}
            page_ms, card_count = page_time(settings, engine, url, args.repeat)
            print(
                f"{size:>8,} {size * PHOTOS_PER_RECORD:>8,}".replace(",", ".")
                + f"  {label:<42} {sql_ms:>7.1f} {page_ms:>9.1f} {card_count:>4}"
            )
        with session_scope(engine) as session:
            start = time.perf_counter()
            gallery.gallery_facets(session=session, actor=as_role("leader"))
            print(
                f"{'':>18}  {'(đếm cho bộ lọc, không cache; cache 5 phút)':<42} "
                f"{(time.perf_counter() - start) * 1000:>7.1f}"
            )
        engine.dispose()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    _ = unaccent  # the search column is built with the same function as the app


if __name__ == "__main__":
    main()
