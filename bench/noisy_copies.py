#!/usr/bin/env python3
"""Copies of a single-frame native DICOM image whose pixels differ, for the text benchmark (bench/text.sh), so that a
cache of OCR readings across files cannot make identical copies nearly free.

usage: noisy_copies.py distinct|exam SRC.dcm OUT_DIR PREFIX COUNT
  Writes OUT_DIR/PREFIX0.dcm .. PREFIX<COUNT-1>.dcm. Copy 0 is SRC unchanged; copy i > 0 gets a deterministic +-1 grey
  level (seeded by i) on every pixel sample that is not 0, the same noise in every frame (distinct: text and image content
  differ, the black background stays black, as between two patients' images of one device; noise on the background too
  would make the proposer find lines in it that no real image has; a cine's static text stays the same from frame to
  frame, as a scanner draws it), or on the samples inside the ultrasound regions of the
  Sequence of Ultrasound Regions (0018,6011) only (exam, single-frame images: the bands and everything else outside the
  regions identical, as in one device's images of one exam).
  SRC is read in place and never changed. Supported: explicit VR little endian, 8 bits allocated, Pixel Data as the
  last element of the file (the corpus ultrasounds and cine)."""
import os, random, struct, sys

EXPLICIT_LE = b"1.2.840.10008.1.2.1"
LONG_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
UNDEFINED = 0xFFFFFFFF

def fail(path, what):
    sys.exit(f"noisy_copies.py: {path}: {what}")

def parse(data, pos, end, path, found, in_regions=False):
    """Walks explicit VR little endian elements from pos to end (or a delimiter); returns the position after them.
    Fills found: the image attributes, Pixel Data's value offset and length, and one dict per ultrasound region."""
    while pos < end:
        if pos + 8 > len(data):
            fail(path, f"element header cut off at byte {pos}")
        group, elem = struct.unpack_from("<HH", data, pos)
        if group == 0xFFFE:  # item, or item / sequence delimiter
            length = struct.unpack_from("<I", data, pos + 4)[0]
            pos += 8
            if elem == 0xE00D or elem == 0xE0DD:
                return pos
            if elem != 0xE000:
                fail(path, f"unexpected (FFFE,{elem:04X}) at byte {pos - 8}")
            region = {}
            item_end = len(data) if length == UNDEFINED else pos + length
            pos = parse(data, pos, item_end, path, region if in_regions else {})
            if in_regions:
                found.setdefault("regions", []).append(region)
            continue
        vr = data[pos + 4:pos + 6]
        if vr in LONG_VRS:
            length = struct.unpack_from("<I", data, pos + 8)[0]
            pos += 12
        else:
            length = struct.unpack_from("<H", data, pos + 6)[0]
            pos += 8
        tag = (group, elem)
        if vr == b"SQ":
            seq_end = len(data) if length == UNDEFINED else pos + length
            pos = parse(data, pos, seq_end, path, found, in_regions=tag == (0x0018, 0x6011))
            continue
        if length == UNDEFINED:
            fail(path, f"undefined length of ({group:04X},{elem:04X}) outside a sequence (encapsulated pixel data?)")
        if pos + length > len(data):
            fail(path, f"({group:04X},{elem:04X}) at byte {pos} runs past the end of the file")
        value = data[pos:pos + length]
        if tag == (0x0002, 0x0010) and value.rstrip(b"\0 ") != EXPLICIT_LE:
            fail(path, f"transfer syntax {value.rstrip(b' ').decode(errors='replace')}: only explicit VR little endian is supported")
        if vr == b"US" and length == 2:
            found[tag] = struct.unpack("<H", value)[0]
        elif vr == b"UL" and length == 4:
            found[tag] = struct.unpack("<I", value)[0]
        elif vr == b"IS":
            found[tag] = int(value.decode().strip() or "1")
        if tag == (0x7FE0, 0x0010):
            found["pixels"] = (pos, length)
        pos += length
    return pos

def noise(samples, seed, spare_zero=False):
    """Every sample +1 or -1 (clamped to 0..255), the signs drawn from a generator seeded with seed; with spare_zero,
    samples that are 0 stay 0."""
    bits = random.Random(seed).getrandbits(len(samples)).to_bytes((len(samples) + 7) // 8, "little")
    return bytes(v if spare_zero and v == 0 else min(v + 1, 255) if bits[i >> 3] >> (i & 7) & 1 else max(v - 1, 0)
                 for i, v in enumerate(samples))

def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("distinct", "exam"):
        sys.exit(__doc__)
    mode, src, out, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    with open(src, "rb") as f:
        data = f.read()
    if len(data) < 132 or data[128:132] != b"DICM":
        fail(src, "no DICM preamble")
    found = {}
    parse(data, 132, len(data), src, found)
    rows, cols = found.get((0x0028, 0x0010)), found.get((0x0028, 0x0011))
    spp, bits = found.get((0x0028, 0x0002), 1), found.get((0x0028, 0x0100))
    frames = found.get((0x0028, 0x0008), 1)
    if "pixels" not in found or not rows or not cols:
        fail(src, "no Pixel Data, Rows or Columns")
    start, length = found["pixels"]
    if bits != 8 or (mode == "exam" and frames != 1):
        fail(src, f"{bits} bits allocated, {frames} frames: only 8-bit images are supported, single-frame for exam copies")
    size = rows * cols * spp * frames
    if start + length != len(data) or length < size:
        fail(src, f"Pixel Data ({length} bytes at byte {start}) is not the last element or holds less than {frames}x{rows}x{cols}x{spp} samples")
    regions = [(r.get((0x0018, 0x6018)), r.get((0x0018, 0x601A)), r.get((0x0018, 0x601C)), r.get((0x0018, 0x601E)))
               for r in found.get("regions", [])]
    if mode == "exam" and (not regions or any(None in r for r in regions)):
        fail(src, "no complete ultrasound region in (0018,6011)")
    os.makedirs(out, exist_ok=True)
    for i in range(count):
        pixels = bytearray(data[start:start + size])
        if i > 0 and mode == "distinct":
            frame = rows * cols * spp
            for f in range(frames):
                pixels[f * frame:(f + 1) * frame] = noise(pixels[f * frame:(f + 1) * frame], i, spare_zero=True)
        elif i > 0:
            for n, (x0, y0, x1, y1) in enumerate(regions):  # corners inclusive (PS3.3 C.8.5.5.1), clipped to the image
                x0, x1, y0, y1 = max(0, x0), min(cols - 1, x1), max(0, y0), min(rows - 1, y1)
                for y in range(y0, y1 + 1):
                    a, b = (y * cols + x0) * spp, (y * cols + x1 + 1) * spp
                    pixels[a:b] = noise(pixels[a:b], (i * 64 + n) * 65536 + y)
        with open(os.path.join(out, f"{prefix}{i}.dcm"), "wb") as f:
            f.write(data[:start] + bytes(pixels) + data[start + size:])

if __name__ == "__main__":
    main()
