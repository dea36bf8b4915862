"""A real S3-protocol server on loopback: moto's server mode, in its own process."""

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from deployments.local import free_port, launch, stop

BUCKET = "lectra-test"
# moto accepts any key; these stand for the credentials a real store would check, and a test
# looks for them in what a run leaves behind
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIALECTRATESTKEY0001",
    "AWS_SECRET_ACCESS_KEY": "lectra-test-secret-4f8a9c2e7b1d",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@contextmanager
def s3_server(log: Path) -> Iterator[dict[str, str]]:
    """moto_server on a free 127.0.0.1 port with one bucket; yields the environment a client
    needs (standard AWS variables, AWS_ENDPOINT_URL)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    args = [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    proc = launch(args, dict(os.environ), log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/moto-api/", timeout=1)
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("no S3 server: " + log.read_text()[-2000:]) from None
                time.sleep(0.2)
        httpx.put(f"{url}/{BUCKET}", timeout=5).raise_for_status()
        yield {**CREDENTIALS, "AWS_ENDPOINT_URL": url}
    finally:
        stop(proc)


def bucket_files(env: dict[str, str], prefix: str = "") -> dict[str, bytes]:
    """Every object in the bucket under prefix, by key, read with the server's own client."""
    import s3fs

    fs = s3fs.S3FileSystem(
        key=env["AWS_ACCESS_KEY_ID"],
        secret=env["AWS_SECRET_ACCESS_KEY"],
        endpoint_url=env["AWS_ENDPOINT_URL"],
        skip_instance_cache=True,
        use_listings_cache=False,
    )
    root = f"{BUCKET}/{prefix}".rstrip("/")
    return {str(k)[len(BUCKET) + 1 :]: fs.cat_file(k) for k in fs.find(root)}
