"""DuckDuckGo images: ddgs replaced at its search methods, pictures served on loopback."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from ddgs.exceptions import DDGSException, RatelimitException
from PIL import Image

from lectra.providers.images import make_images
from lectra.providers.images.download import download, normalize
from lectra.providers.options import ImageOptions
from lectra.runtime.errors import ImageError, RefusedAddressError
from tests.fakes.images import ImageWeb, fake_ddgs, results
from tests.fakes.loopback import Reply, serve

OPTS = ImageOptions(name="ddg", timeout_s=5, max_bytes=10_000_000, candidates=8)


@pytest.mark.parametrize(
    ("path", "size"),
    [("/jpeg", (800, 600)), ("/webp", (640, 480)), ("/png", (700, 500)), ("/cmyk", (640, 640))],
)
def test_pictures_are_normalized_to_rgb(image_web: ImageWeb, path: str, size: tuple) -> None:
    picture = normalize(download(f"{image_web.url}{path}", 10_000_000, 5))
    assert picture.mode == "RGB" and picture.size == size
    if path == "/png":  # transparency goes onto white
        assert picture.getpixel((0, 0)) != (0, 0, 0)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/html", "text/html is not a picture"),
        ("/svg", "image/svg\\+xml is not a picture"),
        ("/svg-as-png", "not a usable picture"),
        ("/huge", "20000000 bytes is over the cap"),
        ("/huge-unlabelled", "more than 10000000 bytes"),
        ("/truncated", "damaged or truncated"),
        ("/tiny", "32x32 is too small"),
        ("/gone", "HTTP 404"),
    ],
)
@pytest.mark.hostile
def test_what_is_not_a_usable_picture_is_refused(
    image_web: ImageWeb, path: str, problem: str
) -> None:
    with pytest.raises(ImageError, match=problem):
        normalize(download(f"{image_web.url}{path}", 10_000_000, 5))


@pytest.mark.hostile
def test_only_http_urls_are_fetched() -> None:
    with pytest.raises(ImageError, match="not an http"):
        download("file:///etc/passwd", 1000, 1)


@pytest.mark.hostile
def test_a_decompression_bomb_is_refused() -> None:
    import io

    header = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(header, format="PNG")
    with pytest.raises(ImageError, match=r"too many pixels|not a usable picture"):
        normalize(header.getvalue())


@pytest.mark.hostile
@pytest.mark.parametrize("size", [(60_000, 300), (300, 6_000)])
def test_a_strip_is_refused_rather_than_drawn_as_a_sliver(size: tuple[int, int]) -> None:
    import io

    strip = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(strip, format="PNG")
    with pytest.raises(ImageError, match="is a strip, not a picture"):
        normalize(strip.getvalue())
    wide = io.BytesIO()
    Image.new("RGB", (1600, 400), (200, 30, 30)).save(wide, format="PNG")
    assert normalize(wide.getvalue()).size == (1600, 400)  # a panorama of 4:1 is still used


def test_the_first_usable_result_is_saved_with_its_source(
    image_web: ImageWeb, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked = fake_ddgs(monkeypatch, results(image_web, "/html", "/huge", "/truncated", "/webp"))
    info = make_images(OPTS, "run-1").fetch("wind farm", "Wind", "en", tmp_path / "a.jpg")
    assert asked == ["wind farm"]
    assert info.source == "ddg" and info.url.endswith("/webp")
    assert info.page_url == f"{image_web.url}/page/webp" and info.bytes > 0
    with Image.open(tmp_path / "a.jpg") as saved:
        assert saved.format == "JPEG" and saved.size == (info.width, info.height)


def test_two_slides_never_share_an_image(
    image_web: ImageWeb, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_ddgs(monkeypatch, results(image_web, "/jpeg", "/jpeg-copy", "/png"))
    source = make_images(OPTS, "run-2")
    first = source.fetch("q", "A", "en", tmp_path / "a.jpg")
    second = source.fetch("q", "B", "en", tmp_path / "b.jpg")  # /jpeg-copy: same bytes, skipped
    assert first.url.endswith("/jpeg") and second.url.endswith("/png")
    assert make_images(OPTS, "run-3").fetch("q", "A", "en", tmp_path / "c.jpg").url == first.url


def test_no_usable_result_is_an_error_that_says_why(
    image_web: ImageWeb, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_ddgs(monkeypatch, results(image_web, "/html", "/tiny"))
    with pytest.raises(ImageError, match=r"for .q. in 2 results .last: .*too small"):
        make_images(OPTS, "run-4").fetch("q", "A", "en", tmp_path / "a.jpg")
    assert not (tmp_path / "a.jpg").exists()


def test_search_failures_are_transient_unless_there_were_no_results(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_ddgs(monkeypatch, RatelimitException("202 Ratelimit"))
    with pytest.raises(ImageError) as err:
        make_images(OPTS, "r").fetch("q", "A", "en", tmp_path / "a.jpg")
    assert err.value.transient
    fake_ddgs(monkeypatch, DDGSException("No results found."))
    with pytest.raises(ImageError) as err:
        make_images(OPTS, "r").fetch("q", "A", "en", tmp_path / "a.jpg")
    assert not err.value.transient


INWARD = [
    "http://127.0.0.1:{port}/jpeg",
    "http://2130706433:{port}/jpeg",  # 127.0.0.1 in decimal
    "http://0177.0.0.1:{port}/jpeg",  # and in octal
    "http://localhost:{port}/jpeg",
    "http://[::1]:{port}/jpeg",
    "http://[::ffff:127.0.0.1]:{port}/jpeg",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.5/x.jpg",
    "http://192.168.1.1/x.jpg",
    "http://0.0.0.0:{port}/jpeg",
    "http://224.0.0.1/x.jpg",
    "http://[fe80::1]/x.jpg",
]


@pytest.fixture
def closed_web() -> Iterator[ImageWeb]:
    """A loopback image web that downloads were not opened to: what an attacker would aim at."""
    with serve(ImageWeb()) as server:
        yield server


@pytest.mark.parametrize("template", INWARD)
@pytest.mark.hostile
def test_inward_addresses_are_refused_before_connecting(
    closed_web: ImageWeb, template: str
) -> None:
    url = template.format(port=closed_web.url.rsplit(":", 1)[1])
    with pytest.raises(RefusedAddressError, match="refused"):
        download(url, 10_000_000, 2)
    assert closed_web.requests == []


@pytest.mark.hostile
def test_every_redirect_hop_is_checked_and_hops_are_few(
    image_web: ImageWeb, closed_web: ImageWeb
) -> None:
    image_web.route(
        "GET", "/to-inside", lambda _: Reply(302, headers={"Location": f"{closed_web.url}/jpeg"})
    )
    image_web.route("GET", "/to-self", lambda _: Reply(301, headers={"Location": "/jpeg"}))
    image_web.route("GET", "/loop", lambda _: Reply(302, headers={"Location": "/loop"}))
    with pytest.raises(RefusedAddressError):
        download(f"{image_web.url}/to-inside", 10_000_000, 2)
    assert closed_web.requests == []
    assert normalize(download(f"{image_web.url}/to-self", 10_000_000, 2)).size == (800, 600)
    with pytest.raises(ImageError, match="more than 3 redirects"):
        download(f"{image_web.url}/loop", 10_000_000, 2)
    assert sum(r.path == "/loop" for r in image_web.requests) == 4


@pytest.mark.hostile
def test_url_credentials_are_never_sent(image_web: ImageWeb) -> None:
    user_url = image_web.url.replace("http://", "http://user:secret@")
    download(f"{user_url}/jpeg", 10_000_000, 2)
    sent = image_web.requests[-1].headers
    assert "Authorization" not in sent and sent["Host"] == image_web.url.removeprefix("http://")


@pytest.mark.hostile
def test_a_refused_result_is_skipped_with_a_warning(
    image_web: ImageWeb, closed_web: ImageWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inward = [{"image": f"{closed_web.url}/jpeg", "url": "http://evil.example/"}]
    fake_ddgs(monkeypatch, images=inward + results(image_web, "/webp"))
    info = make_images(OPTS, "refusal-run").fetch("q", "t", "en", tmp_path / "i.jpg")
    assert info.url.endswith("/webp") and closed_web.requests == []
    assert (
        len(info.warnings) == 1 and "refused, 127.0.0.1 is a loopback address" in info.warnings[0]
    )
