#!/usr/bin/python3
"""Real RTSP server peer for Vigie's RTSP client tests: GStreamer's gst-rtsp-server.

Serves a live test pattern (25 fps, key frame every second) as H.264 or H.265 over RTP, on TCP
interleaved and UDP, with or without B-frames, optionally behind Basic or Digest authentication and with a short session
timeout. Prints READY once listening, then one line per notable event (TEARDOWN, GET_PARAMETER,
OPTIONS, SESSION-EXPIRED) so tests can assert what the server saw.

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0).
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

ENCODERS = {
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph264pay name=pay0 pt=96 config-interval=1",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph265pay name=pay0 pt=96 config-interval=1",
}

# With B-frames, as main/high-profile cameras send them: no zero-latency tuning (it turns B-frames off),
# closed GOPs of one second; at 320x180 so that x265 keeps up at 25 fps on a busy two-core machine.
B_FRAME_ENCODERS = {
    "h264": "x264enc speed-preset=ultrafast key-int-max=25 bframes={n} ! video/x-h264,profile=main ! rtph264pay name=pay0 pt=96 config-interval=1",
    "h265": "x265enc speed-preset=ultrafast key-int-max=25 option-string=bframes={n}:open-gop=0:rc-lookahead=10 ! rtph265pay name=pay0 pt=96 config-interval=1",
}


def say(*words):
    print(*words, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/test")
    parser.add_argument("--codec", choices=sorted(ENCODERS), default="h264")
    parser.add_argument("--auth", help="user:password")
    parser.add_argument("--auth-method", choices=["basic", "digest"], default="basic")
    parser.add_argument("--bframes", type=int, default=0, help="B-frames between references; 0 for none")
    parser.add_argument("--session-timeout", type=int, default=0, help="seconds; 0 keeps the server default (60)")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    factory = GstRtspServer.RTSPMediaFactory()
    size = "width=320,height=180" if args.bframes > 0 else "width=640,height=360"
    factory.set_launch(
        "( videotestsrc is-live=true ! video/x-raw," + size + ",framerate=25/1 ! "
        + (B_FRAME_ENCODERS[args.codec].format(n=args.bframes) if args.bframes > 0 else ENCODERS[args.codec])
        + " )"
    )
    factory.set_shared(True)
    factory.set_protocols(GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP)

    if args.auth:
        user, _, password = args.auth.partition(":")
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        if args.auth_method == "digest":
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(user, password, token)
        else:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        server.set_auth(auth)
        factory.add_role_from_structure(
            Gst.Structure.new_from_string(
                "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
            )
        )

    server.get_mount_points().add_factory(args.path, factory)

    def on_client(_server, client):
        client.connect("teardown-request", lambda *_: say("TEARDOWN"))
        client.connect("get-parameter-request", lambda *_: say("GET_PARAMETER"))
        client.connect("options-request", lambda *_: say("OPTIONS"))
        if args.session_timeout > 0:
            client.connect("new-session", lambda _c, session: session.set_timeout(args.session_timeout))

    server.connect("client-connected", on_client)

    pool = server.get_session_pool()

    def cleanup():
        # gst-rtsp-server expires sessions only when asked; ask every second like a real deployment would.
        removed = pool.cleanup()
        if removed:
            say("SESSION-EXPIRED", removed)
        return True

    GLib.timeout_add_seconds(1, cleanup)

    if server.attach(None) == 0:
        say("FAILED to listen on port", args.port)
        return 1

    say("READY")
    GLib.MainLoop().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
