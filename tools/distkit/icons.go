package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// HicolorSizes are the sizes the .deb ships under /usr/share/icons/hicolor/NxN/apps.
var HicolorSizes = []int{16, 24, 32, 48, 64, 128, 256, 512}

// WriteIcons resizes the square source icon into outDir/NxN/siyana.png for every hicolor size.
func WriteIcons(src, outDir string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() || b.Dx() < HicolorSizes[len(HicolorSizes)-1] {
		return fmt.Errorf("%s is %dx%d: need a square icon of at least %d px", src, b.Dx(), b.Dy(), HicolorSizes[len(HicolorSizes)-1])
	}
	for _, n := range HicolorSizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
		dir := filepath.Join(outDir, fmt.Sprintf("%dx%d", n, n))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := writePNG(filepath.Join(dir, "siyana.png"), dst); err != nil {
			return err
		}
	}
	return nil
}

func writePNG(path string, img image.Image) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(out, img); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
