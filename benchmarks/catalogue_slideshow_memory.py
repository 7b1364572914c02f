"""Memory of the tradition-room slideshow left running (a benchmark, not a timed test).

    uv run python benchmarks/catalogue_slideshow_memory.py                  # 10 minutes, 3 s a slide
    uv run python benchmarks/catalogue_slideshow_memory.py --minutes 60 --every 60
    uv run python benchmarks/catalogue_slideshow_memory.py --all     # every public record, not 16

It starts the real demo app (asgi.py under `streamlit run`, 127.0.0.1, a free port, its own temporary
DATA_DIR), logs in as the leader `lanhdao` in headless Chromium (Playwright), opens
`/catalogue_slideshow?play=1&interval=3` (3 s is the shortest interval the page allows) and samples:

- the page's JS heap after a forced garbage collection (CDP `HeapProfiler.collectGarbage`, then
  `Performance.getMetrics` → JSHeapUsedSize), its live DOM nodes, event listeners and documents;
- the private resident memory (Private_Clean + Private_Dirty, /proc/PID/smaps_rollup) of the
  Chromium processes this script started (all of them, and the largest renderer alone), which
  holds decoded images that the JS heap does not;
- the resident memory of the Streamlit server process (/proc/PID/status);
- the websocket messages the page sent to the server (each rerun is one) and received from it,
  and the slides shown (the counter in the show), to prove it cycles;
- at the first and the last sample, Chromium's own account of the renderer's memory by allocator
  (a memory-infra dump over CDP tracing): decoded images (cc/image_memory, discardable), canvases,
  malloc, PartitionAlloc, V8 and Oilpan. This is what showed that two reused <img> elements kept
  every decoded picture (about 4 MB each, some 120 MB for 44 slides) in the image cache.

It prints a table and, per measure, the least-squares slope per hour over the samples after the
first minute (warm-up) and the slope of the peaks of each ten samples, which decides the verdict: Chromium
may fill caches during the first minutes; what matters for a screen left on for hours is whether
memory keeps growing once every picture has been shown. The server is stopped by its PID.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import browser

MB = 1024 * 1024


def rss_kb(pid: int, field: str = "VmRSS", source: str = "status") -> int:
    try:
        for line in Path(f"/proc/{pid}/{source}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def private_kb(pid: int) -> int:
    """Pages this process alone holds (Private_Clean + Private_Dirty): unlike RSS or PSS it does
    not move when some other Chromium on the machine starts or stops sharing pages."""
    return rss_kb(pid, "Private_Clean", "smaps_rollup") + rss_kb(
        pid, "Private_Dirty", "smaps_rollup"
    )


def descendants(root_pid: int) -> list[int]:
    """Every process below root_pid (by parent PID), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def chromium_rss(server_pid: int) -> tuple[int, int, int]:
    """(all Chromium processes started by this script, largest renderer, GPU process) in kB of
    private memory.

    Chromium rewrites its command line into one string, so the flags are searched in it whole."""
    total, renderer, gpu = 0, 0, 0
    for pid in descendants(os.getpid()):
        if pid == server_pid:
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"chrom" not in cmd.split(b" ", 1)[0]:
            continue
        kb = private_kb(pid)
        total += kb
        if b"--type=renderer" in cmd:
            renderer = max(renderer, kb)
        if b"--type=gpu-process" in cmd:
            gpu += kb
    return total, renderer, gpu


ALLOCATORS = (
    "cc/image_memory",
    "discardable",
    "canvas",
    "malloc",
    "partition_alloc",
    "v8",
    "blink_gc",
    "web_cache",
    "shared_memory",
)


def allocator_breakdown(browser_cdp, page) -> dict[int, dict[str, float]]:
    """MB per allocator for each Chromium process, from one detailed memory-infra dump."""
    finished: dict[str, str] = {}
    browser_cdp.once(
        "Tracing.tracingComplete", lambda e: finished.setdefault("stream", e["stream"])
    )
    browser_cdp.send(
        "Tracing.start",
        {
            "traceConfig": {
                "includedCategories": ["disabled-by-default-memory-infra"],
                "memoryDumpConfig": {"triggers": []},
            },
            "transferMode": "ReturnAsStream",
        },
    )
    browser_cdp.send(
        "Tracing.requestMemoryDump", {"deterministic": True, "levelOfDetail": "detailed"}
    )
    browser_cdp.send("Tracing.end")
    while "stream" not in finished:
        page.wait_for_timeout(100)  # Playwright delivers CDP events while it waits
    chunks = []
    while True:
        piece = browser_cdp.send("IO.read", {"handle": finished["stream"], "size": 1 << 20})
        chunks.append(
            base64.b64decode(piece["data"])
            if piece.get("base64Encoded")
            else piece["data"].encode()
        )
        if piece.get("eof"):
            break
    browser_cdp.send("IO.close", {"handle": finished["stream"]})
    trace = json.loads(b"".join(chunks))
    sizes: dict[int, dict[str, float]] = {}
    for event in trace["traceEvents"] if isinstance(trace, dict) else trace:
        allocators = event.get("args", {}).get("dumps", {}).get("allocators", {})
        if event.get("ph") != "v" or not allocators:
            continue
        sizes[event["pid"]] = {
            name: int(allocators[name]["attrs"]["size"]["value"], 16) / MB
            for name in ALLOCATORS
            if "size" in allocators.get(name, {}).get("attrs", {})
        }
    return sizes


def renderer_breakdown(sizes: dict[int, dict[str, float]]) -> dict[str, float]:
    """The show's renderer: of the processes with a V8 heap, the one with the largest (the
    Streamlit app outweighs blank and service pages)."""
    renderers = [s for s in sizes.values() if "v8" in s]
    return max(renderers, key=lambda s: s["v8"]) if renderers else {}


def published_ids(data_dir: Path) -> list[int]:
    """Every public record of the demo database (read-only, straight from the SQLite file)."""
    import sqlite3

    from models.catalogue import RecordStatus

    with sqlite3.connect(f"file:{data_dir / 'guongsang.db'}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT id FROM catalogue_record WHERE status = ? ORDER BY id",
            (RecordStatus.PUBLISHED.value,),
        ).fetchall()
    return [row[0] for row in rows]


def slope_per_hour(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(t for t, _ in points) / n
    my = sum(v for _, v in points) / n
    sxx = sum((t - mx) ** 2 for t, _ in points)
    if not sxx:
        return 0.0
    return sum((t - mx) * (v - my) for t, v in points) / sxx * 3600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--every", type=float, default=30, help="giây giữa hai lần đo")
    parser.add_argument("--interval", type=int, default=3, help="giây mỗi ảnh")
    parser.add_argument("--warmup", type=float, default=60, help="giây bỏ qua khi tính độ dốc")
    parser.add_argument(
        "--all",
        action="store_true",
        help="chiếu mọi hồ sơ công khai (?ids=…) thay vì các gương tiêu biểu",
    )
    parser.add_argument("--screenshot", default="", help="lưu ảnh chụp trình chiếu vào đây")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    data_dir = Path(tempfile.mkdtemp(prefix="gs-slideshow-mem-"))
    port = browser.free_port()
    base_url = f"http://127.0.0.1:{port}"
    server = browser.start_app(data_dir, port, data_dir / "server.log")
    rows: list[dict] = []
    try:
        browser.wait_until_up(base_url, server, seconds=120)
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS
            )
            context = chromium.new_context(
                viewport={"width": 1920, "height": 1080},
                locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh",
            )
            page = context.new_page()
            page.set_default_timeout(90_000)
            sent, received = [0], [0]

            def on_socket(ws):
                if "_stcore/stream" in ws.url:
                    ws.on("framesent", lambda _: sent.__setitem__(0, sent[0] + 1))
                    ws.on("framereceived", lambda _: received.__setitem__(0, received[0] + 1))

            page.on("websocket", on_socket)
            browser.login(page, base_url, "lanhdao")
            address = f"{base_url}/catalogue_slideshow?play=1&interval={args.interval}"
            if args.all:
                address += "&ids=" + ",".join(str(i) for i in published_ids(data_dir))
            page.goto(address)
            page.locator(".gs-show").wait_for()
            page.wait_for_function(
                "document.querySelector('.gs-show .gs-count').textContent.length > 0"
            )
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            browser_cdp = chromium.new_browser_cdp_session()
            breakdowns = []
            slides_total = page.evaluate(
                "document.querySelector('.gs-show .gs-count').textContent.split('/')[1].trim()"
            )
            print(
                f"Trình chiếu {slides_total} gương, {args.interval} giây/ảnh, đo mỗi "
                f"{args.every:.0f} giây trong {args.minutes:g} phút; máy chủ PID {server.pid}.",
                flush=True,
            )
            # The counter text ("i / n") changes on every slide: count the changes in the page.
            page.evaluate("""() => {
                window.__gsChanges = 0;
                const c = document.querySelector('.gs-show .gs-count');
                new MutationObserver(() => window.__gsChanges++)
                    .observe(c, {childList: true, characterData: true, subtree: true});
            }""")
            sent0, received0 = sent[0], received[0]
            start = time.monotonic()
            header = (
                f"{'phút':>5} {'heap MB':>8} {'DOM':>6} {'listeners':>9} {'docs':>5} "
                f"{'Chromium MB':>11} {'renderer MB':>11} {'GPU MB':>7} {'server MB':>9} "
                f"{'gửi':>5} {'nhận':>5} {'ảnh':>5}"
            )
            print(header, flush=True)
            while True:
                cdp.send("HeapProfiler.collectGarbage")
                metrics = {
                    m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]
                }
                total, renderer, gpu = chromium_rss(server.pid)
                row = {
                    "t": time.monotonic() - start,
                    "heap": metrics["JSHeapUsedSize"] / MB,
                    "nodes": metrics["Nodes"],
                    "listeners": metrics["JSEventListeners"],
                    "docs": metrics["Documents"],
                    "chromium": total / 1024,
                    "renderer": renderer / 1024,
                    "gpu": gpu / 1024,
                    "server": rss_kb(server.pid) / 1024,
                    "sent": sent[0] - sent0,
                    "received": received[0] - received0,
                    "slides": page.evaluate("window.__gsChanges"),
                }
                rows.append(row)
                print(
                    f"{row['t'] / 60:>5.1f} {row['heap']:>8.2f} {row['nodes']:>6.0f} "
                    f"{row['listeners']:>9.0f} {row['docs']:>5.0f} {row['chromium']:>11.1f} "
                    f"{row['renderer']:>11.1f} {row['gpu']:>7.1f} {row['server']:>9.1f} {row['sent']:>5} "
                    f"{row['received']:>5} {row['slides']:>5}",
                    flush=True,
                )
                if len(rows) == 1 or row["t"] >= args.minutes * 60:
                    breakdowns.append(
                        (row["t"], renderer_breakdown(allocator_breakdown(browser_cdp, page)))
                    )
                if row["t"] >= args.minutes * 60:
                    break
                time.sleep(max(0.0, start + len(rows) * args.every - time.monotonic()))
            if args.screenshot:
                page.screenshot(path=args.screenshot)
            context.close()
            chromium.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except Exception:
            server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)

    print("\nBộ nhớ renderer theo bộ cấp phát (MB), theo Chromium:")
    print(f"{'bộ cấp phát':<16}" + "".join(f"{f'phút {t / 60:.0f}':>10}" for t, _ in breakdowns))
    for name in ALLOCATORS:
        print(f"{name:<16}" + "".join(f"{b.get(name, 0):>10.1f}" for _, b in breakdowns))
    print()
    steady = [r for r in rows if r["t"] >= args.warmup] or rows
    # Chromium's processes swing between two levels (about 60 MB apart here) as it trims and
    # refills its own pools, which makes a slope over raw samples depend on where the run ends.
    # The verdict uses the peak of each window of ten samples: a leak lifts the peaks.
    print(
        f"{'đại lượng':<24} {'đầu':>9} {'cuối':>9} {'dốc/giờ':>10} {'dốc đỉnh/giờ':>13}  "
        "đỉnh mỗi 10 mẫu"
    )
    verdicts = []
    for key, label, unit, limit in (
        ("heap", "JS heap (sau GC)", "MB", 1.0),
        ("nodes", "nút DOM", "", 50),
        ("listeners", "trình nghe sự kiện", "", 50),
        ("chromium", "Chromium (riêng)", "MB", 20.0),
        ("renderer", "renderer (riêng)", "MB", 20.0),
        ("gpu", "tiến trình GPU (riêng)", "MB", 20.0),
        ("server", "máy chủ Streamlit (RSS)", "MB", 10.0),
    ):
        slope = slope_per_hour([(r["t"], r[key]) for r in steady])
        peaks = [
            max(((r["t"], r[key]) for r in steady[i : i + 10]), key=lambda p: p[1])
            for i in range(0, len(steady), 10)
        ]
        peak_slope = slope_per_hour(peaks)
        print(
            f"{label:<24} {rows[0][key]:>9.2f} {rows[-1][key]:>9.2f} {slope:>+8.2f}{unit:>2} "
            f"{peak_slope:>+11.2f}{unit:>2}  " + " ".join(f"{v:.1f}" for _, v in peaks)
        )
        if peak_slope > limit:
            verdicts.append(
                f"{label} tăng {peak_slope:+.2f} {unit}/giờ theo đỉnh (ngưỡng {limit} {unit}/giờ)"
            )
    last = rows[-1]
    minutes = last["t"] / 60
    print(
        f"\nTrong {minutes:.1f} phút: {last['slides']} lần chuyển ảnh, trang gửi máy chủ "
        f"{last['sent']} thông điệp, nhận {last['received']} (cả phiên, kể cả đăng nhập: gửi "
        f"{sent[0]}, nhận {received[0]})."
    )
    if verdicts:
        print("KẾT LUẬN: bộ nhớ TĂNG — " + "; ".join(verdicts))
    else:
        print("KẾT LUẬN: bộ nhớ ổn định (độ dốc theo đỉnh của mọi đại lượng dưới ngưỡng).")


if __name__ == "__main__":
    main()
