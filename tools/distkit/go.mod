module siyana/tools/distkit

go 1.25.0

require (
	github.com/tc-hib/winres v0.3.1
	golang.org/x/image v0.12.0
)

require github.com/nfnt/resize v0.0.0-20180221191011-83c6a9932646 // indirect
