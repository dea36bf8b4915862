"""python -m bench.answer_memory [--mb 200] [--gzip]

How much a speech call's memory grows on an answer far over the 50 MB cap: a server in its
own process sends a WAV of --mb megabytes (gzip-compressed with --gzip, a compression bomb);
this process asks for one sentence and reports its peak RSS growth and the error it got.
"""

import argparse
import resource
import subprocess
import sys

from lectra.providers.options import VoiceOptions
from lectra.providers.voices.speech_server import SpeechServerVoice
from lectra.runtime.errors import VoiceError

SERVER = """
import gzip, sys, time
from bench.services import serving
from http.server import BaseHTTPRequestHandler
body = b"RIFF" + bytes(int(sys.argv[1]) * 1_000_000)
packed = sys.argv[2] == "gzip"
sent = gzip.compress(body, 1) if packed else body
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav")
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(sent)))
        self.end_headers()
        try:
            self.wfile.write(sent)
        except (BrokenPipeError, ConnectionResetError):
            pass
    def log_message(self, *args):
        pass
with serving(Handler) as url:
    print(url, flush=True)
    time.sleep(600)
"""


def main(argv: list[str] | None = None) -> int:
    """Measure once and print the growth in MB."""
    p = argparse.ArgumentParser(prog="python -m bench.answer_memory", description=__doc__)
    p.add_argument("--mb", type=int, default=200)
    p.add_argument("--gzip", action="store_true")
    args = p.parse_args(argv)
    form = "gzip" if args.gzip else "plain"
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(args.mb), form], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        opts = VoiceOptions(name="openai", speech_url=f"{url}/v1", timeout_s=120)
        try:
            SpeechServerVoice(opts).speak("One sentence.", "en")
            said = "no error"
        except VoiceError as exc:
            said = str(exc).rsplit(": ", 1)[-1]
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    finally:
        server.kill()
        server.wait()
    print(f"{args.mb} MB {form} answer: memory grew {grown:.0f} MB ({said})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
