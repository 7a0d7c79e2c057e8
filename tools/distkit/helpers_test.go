package main

import (
	"image"
	"image/color"
	"strconv"
	"strings"
)

func strconvI(n int) string { return strconv.Itoa(n) }

func lastField(v string) uint64 {
	n, _ := strconv.ParseUint(v[strings.LastIndexByte(v, '.')+1:], 10, 16)
	return n
}

func imageOf(n int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(n/2, n/2, color.Black)
	return img
}
