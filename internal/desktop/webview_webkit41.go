//go:build linux && cgo && (dev || desktop) && webkit2_41

package desktop

/*
#cgo pkg-config: webkit2gtk-4.1
#include <webkit2/webkit2.h>
*/
import "C"

import "fmt"

// WebviewVersion asks the WebKitGTK library loaded at run time (not the headers it was built against), since
// the user's distribution updates it independently of the app.
func WebviewVersion() string {
	return fmt.Sprintf("WebKitGTK %d.%d.%d", C.webkit_get_major_version(), C.webkit_get_minor_version(), C.webkit_get_micro_version())
}
