// What the live and playback sockets send, and the two fMP4 boxes the players read (ISO/IEC 14496-12).
// Binary messages (docs/live.md): 1 byte kind, 8 bytes time (Unix ms, big-endian), then ftyp+moov (init)
// or moof+mdat (fragment). Fragments are on a 90 kHz timescale (see Mp4InitSegmentWriter).

export const KIND_INIT = 1;
export const KIND_FRAGMENT = 2;
const HEADER = 9;
const TIMESCALE = 90000;

// { kind, timeMs, payload } of a binary message, or null when it is too short to hold anything.
export function readMessage(data) {
  if (data.byteLength <= HEADER) return null;
  const view = new DataView(data);
  return { kind: view.getUint8(0), timeMs: Number(view.getBigInt64(1)), payload: new Uint8Array(data, HEADER) };
}

// baseMediaDecodeTime of a moof (tfdt, §8.8.12), in seconds.
export function tfdtSeconds(bytes) {
  for (let i = 4; i + 16 <= bytes.length; i++) {
    if (bytes[i] === 0x74 && bytes[i + 1] === 0x66 && bytes[i + 2] === 0x64 && bytes[i + 3] === 0x74) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
      const version = view.getUint8(0);
      const ticks = version === 1 ? Number(view.getBigUint64(4)) : view.getUint32(4);
      return ticks / TIMESCALE;
    }
  }
  return null;
}

// The duration of a fragment's first sample in 90 kHz ticks (trun with per-sample durations, §8.8.8, as
// recordings write it), or null.
export function firstSampleDuration(bytes) {
  for (let i = 4; i + 24 <= bytes.length && i < 512; i++) {
    if (bytes[i] === 0x74 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x75 && bytes[i + 3] === 0x6e) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
      const flags = view.getUint32(0) & 0xffffff;
      if ((flags & 0x100) === 0) return null;
      const at = 8 + ((flags & 0x1) ? 4 : 0) + ((flags & 0x4) ? 4 : 0);
      return view.getUint32(at);
    }
  }
  return null;
}
