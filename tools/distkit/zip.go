package main

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
)

// Zip writes the files into out, each under its base name (the portable Windows zip: siyana.exe and
// the notes beside it). Deflated; modification times kept.
func Zip(out string, files []string) (err error) {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}()
	zw := zip.NewWriter(f)
	for _, name := range files {
		if err := addFile(zw, name); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addFile(zw *zip.Writer, name string) error {
	src, err := os.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return err
	}
	h, err := zip.FileInfoHeader(st)
	if err != nil {
		return err
	}
	h.Name = filepath.Base(name)
	h.Method = zip.Deflate
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}
