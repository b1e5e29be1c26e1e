#!/usr/bin/python3
"""A real RTSP server for Engram's camera tests: GStreamer's RTSP server (Debian packages
gir1.2-gst-rtsp-server-1.0, python3-gi, gstreamer1.0-plugins-base/-good) serving a moving test
pattern as RTP/JPEG on 127.0.0.1:PORT/cam, to clients over TCP (interleaved) or UDP (the
factory's default transports).

Usage: rtsp_server.py PORT [WIDTH HEIGHT FPS]"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port = sys.argv[1]
width, height, fps = (sys.argv[2:5] + ["160", "120", "15"][len(sys.argv[2:5]):])
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1,format=I420 "
    f"! jpegenc quality=85 ! rtpjpegpay name=pay0 pt=26 )")
factory.set_shared(True)
server.get_mount_points().add_factory("/cam", factory)
if server.attach(None) == 0:
    sys.exit("cannot listen on 127.0.0.1:" + port)
print("serving rtsp://127.0.0.1:%s/cam" % port, flush=True)
GLib.MainLoop().run()
