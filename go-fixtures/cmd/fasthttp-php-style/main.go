// Command fasthttp-php-style serves the fasthttp-php-style scenario with a
// fasthttp server (see package fasthttpphpstyle).
package main

import (
	"leakrig/fixtures/internal/fastfixture"
	"leakrig/fixtures/internal/fixture"
	"leakrig/fixtures/patterns/fasthttpphpstyle"
)

func main() {
	fixture.Run(func(v fixture.Variant) error {
		s := &fasthttpphpstyle.Service{Work: fasthttpphpstyle.Work, Deadline: fasthttpphpstyle.Deadline}
		return fastfixture.Serve(fasthttpphpstyle.NewServer(v, s))
	})
}
