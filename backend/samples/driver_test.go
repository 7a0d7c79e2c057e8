package samples

import _ "modernc.org/sqlite" // the binary registers the driver (see store.go); here the tests do
