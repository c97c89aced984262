#!/usr/bin/env bash
# Installs the Debian packages Vigie needs, only those that are missing (idempotent).
#   install-deps.sh run    -> what the demo needs
#   install-deps.sh test   -> what the tests need (adds PostgreSQL and Chromium)
set -euo pipefail

mode="${1:-run}"
# ffmpeg encodes the camera simulator's sources and decodes for analytics; opencv-doc ships the real footage vtest.avi;
# OpenCV's official runtime (the HOG people detector) links GTK 3 (its highgui module), libdbus and libexpat:
# without them the runtime does not load (found on a machine without Chromium, which had pulled GTK in).
# DejaVu Sans is the font of the PDF reports (extractions, the register).
packages=(sqlite3 tzdata ca-certificates ffmpeg fonts-dejavu-core opencv-doc libgtk-3-0 libdbus-1-3 libexpat1)
if [[ "$mode" == "test" ]]; then
    # PostgreSQL for the storage tests, Chromium for the console, GStreamer's RTSP server as a real peer,
    # Mosquitto as the MQTT broker the MQTT intake tests run against (started by the tests, never as a service),
    # Tesseract to read the time the simulator burns into its frames back from a played-back picture,
    # Poppler's pdftotext and pdfimages to read Vigie's PDF reports as another program does.
    packages+=(postgresql chromium mosquitto mosquitto-clients tesseract-ocr poppler-utils
        python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-tools gstreamer1.0-plugins-base
        gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}" >&2
    if [[ $(id -u) -ne 0 ]]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
    echo "install-deps: the .NET 10 SDK is required (dotnet not on PATH)" >&2
    exit 1
fi
