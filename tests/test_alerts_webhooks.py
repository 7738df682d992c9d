"""Webhooks against a local receiver on 127.0.0.1: signed JSON, retries with backoff through an
injected sleep (no real waiting), an idempotency key, a receiver that fails twice, and the
delivery record that stops a second delivery of the same version."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


from frontwatch.alerts.webhooks import IDEMPOTENCY_HEADER, SIGNATURE_HEADER, deliver, verify
from frontwatch.store import Store

SECRET = "s3cret-for-tests"


class Receiver:
    """Answers 503 to the first ``fail`` POSTs, then 200 when the signature verifies (401 if not)."""

    def __init__(self, fail: int = 0, secret: str = SECRET):
        self.fail, self.secret = fail, secret
        self.seen: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                ok = verify(body, self.headers.get(SIGNATURE_HEADER), receiver.secret)
                receiver.seen.append({"key": self.headers.get(IDEMPOTENCY_HEADER), "ok": ok,
                                      "body": json.loads(body)})
                if receiver.fail > 0:
                    receiver.fail -= 1
                    code = 503
                else:
                    code = 200 if ok else 401
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


ALERT = {"id": "al-0123456789abcdef", "version": 2, "status": "updated", "rule": "surge", "summary": "x",
         "raised": "2019-01-05", "last_seen": "2019-01-19"}


def test_a_receiver_failing_twice_gets_the_alert_on_the_third_try():
    waits = []
    with Receiver(fail=2) as rx:
        (d,) = deliver([ALERT], rx.url, SECRET, sleep=waits.append, backoff=0.5)
    assert d.status == "delivered" and d.attempts == 3 and d.response == 200
    assert waits == [0.5, 1.0]  # exponential backoff, not slept for real
    assert [s["key"] for s in rx.seen] == ["al-0123456789abcdef:v2"] * 3  # one idempotency key
    assert all(s["ok"] for s in rx.seen) and rx.seen[-1]["body"]["alert"]["id"] == ALERT["id"]
    assert rx.seen[-1]["body"]["type"] == "alert.updated"


def test_a_wrong_secret_is_refused_by_the_receiver_and_not_retried():
    waits = []
    with Receiver(secret="another") as rx:
        (d,) = deliver([ALERT], rx.url, SECRET, sleep=waits.append)
    assert d.status == "failed" and d.response == 401 and d.attempts == 1 and waits == []
    assert rx.seen[0]["ok"] is False


def test_an_unreachable_receiver_is_retried_then_given_up():
    with Receiver() as rx:
        url = rx.url
    waits = []
    (d,) = deliver([ALERT], url, SECRET, sleep=waits.append, retries=3, backoff=1.0, timeout=2.0)
    assert d.status == "failed" and d.attempts == 4 and waits == [1.0, 2.0, 4.0] and "Error" in d.error


def test_a_delivered_version_is_not_sent_again(tmp_path):
    with Store(f"sqlite:///{tmp_path / 's.db'}") as st, Receiver(fail=1) as rx:
        first = deliver([ALERT], rx.url, SECRET, store=st, sleep=lambda s: None)
        again = deliver([ALERT], rx.url, SECRET, store=st, sleep=lambda s: None)
        newer = deliver([dict(ALERT, version=3)], rx.url, SECRET, store=st, sleep=lambda s: None)
    assert [d.status for d in first + again + newer] == ["delivered", "skipped", "delivered"]
    assert len(rx.seen) == 3  # 503 + 200 for v2, then 200 for v3
