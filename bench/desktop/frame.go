package main

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
)

// paintColours: a frame with at least this many distinct colours shows rendered content. Before launch the
// screen is one colour (Xvfb's black root); the mapped window first shows only its background colour; text
// (anti-aliased glyphs) brings dozens of shades. So "first paint" is the first frame with real content, not
// the empty window.
const paintColours = 16

// frameReader reads Xvfb's framebuffer file, which is in XWD format: a big-endian header of CARD32 fields
// (header_size first), a colormap of ncolors 12-byte entries, then the pixels.
type frameReader struct {
	path string
	buf  []byte
}

func (f *frameReader) colours() (int, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return 0, err
	}
	if int64(cap(f.buf)) < st.Size() {
		f.buf = make([]byte, st.Size())
	}
	b := f.buf[:st.Size()]
	if _, err := fh.ReadAt(b, 0); err != nil {
		return 0, err
	}
	if len(b) < 100 {
		return 0, fmt.Errorf("%s: too short for an XWD header", f.path)
	}
	field := func(i int) int { return int(binary.BigEndian.Uint32(b[4*i:])) }
	headerSize, width, height := field(0), field(4), field(5)
	bpp, bytesPerLine, ncolors := field(11), field(12), field(19)
	if bpp != 32 {
		return 0, fmt.Errorf("%s: %d bits per pixel; run Xvfb with a 24-bit screen", f.path, bpp)
	}
	off := headerSize + 12*ncolors
	if off+height*bytesPerLine > len(b) {
		return 0, fmt.Errorf("%s: truncated frame", f.path)
	}
	seen := map[uint32]struct{}{}
	for y := 0; y < height; y++ {
		row := b[off+y*bytesPerLine:]
		var prev uint32 = 1 << 31 // not a 24-bit colour
		for x := 0; x < width; x++ {
			px := binary.LittleEndian.Uint32(row[4*x:]) & 0xFFFFFF
			if px == prev {
				continue
			}
			prev = px
			seen[px] = struct{}{}
			if len(seen) >= paintColours {
				return len(seen), nil
			}
		}
	}
	return len(seen), nil
}

// savePNG writes the last frame read, so a human can check what "first paint" looked like (-snap).
func (f *frameReader) savePNG(path string) error {
	b := f.buf
	field := func(i int) int { return int(binary.BigEndian.Uint32(b[4*i:])) }
	width, height, bytesPerLine := field(4), field(5), field(12)
	off := field(0) + 12*field(19)
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		for x := 0; x < width; x++ {
			p := b[off+y*bytesPerLine+4*x:]
			img.Set(x, y, color.RGBA{R: p[2], G: p[1], B: p[0], A: 255})
		}
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	defer out.Close()
	return png.Encode(out, img)
}
