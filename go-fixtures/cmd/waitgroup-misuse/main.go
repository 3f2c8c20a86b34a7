// Command waitgroup-misuse serves the nil-channel scenario (see package waitgroupmisuse).
package main

import (
	"net/http"

	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/waitgroupmisuse"
)

func main() {
	fixture.Main(func(v fixture.Variant) (http.Handler, error) {
		return waitgroupmisuse.Routes(v), nil
	})
}
